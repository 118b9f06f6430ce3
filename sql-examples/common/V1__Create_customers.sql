-- Customers of the shop. Portable SQL: runs on PostgreSQL and SQLite.
CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    email      VARCHAR(255) NOT NULL UNIQUE,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
