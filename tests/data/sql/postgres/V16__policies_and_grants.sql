ALTER TABLE documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY owner_only ON documents
    USING (owner = current_user)
    WITH CHECK (owner = current_user AND title <> '');

CREATE POLICY "read; all" ON documents FOR SELECT TO reporting USING (true);

GRANT SELECT, INSERT ON documents TO app_user;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app_user;
REVOKE ALL ON documents FROM PUBLIC;

ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT ON TABLES TO reporting;

SECURITY LABEL FOR selinux ON TABLE documents IS 'system_u:object_r:sepgsql_table_t:s0';
