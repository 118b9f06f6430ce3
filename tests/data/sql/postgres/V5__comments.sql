/*
 * Header comment: don't split here; it's only a comment.
 * /* Nested comments are allowed in PostgreSQL; */ still inside.
 */
CREATE TABLE audit (
    id   bigint,  -- the row's id; "quoted" too
    what text     /* what happened; 'really' */
);

-- a comment-only "statement" follows
;

SELECT 1 /* trailing; comment */;
SELECT 2; -- comment after the semicolon; belongs to the next statement
SELECT 3 -- line comment before the delimiter
;
/* last */ SELECT 4
-- end of file without a newline; with a 'quote'