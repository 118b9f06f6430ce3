CREATE TABLE measurement (
    city_id   int NOT NULL,
    logdate   date NOT NULL,
    peaktemp  int
) PARTITION BY RANGE (logdate);

CREATE TABLE measurement_y2024 PARTITION OF measurement
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE measurement_y2025 PARTITION OF measurement
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

ALTER TABLE measurement DETACH PARTITION measurement_y2024 CONCURRENTLY;

ALTER TABLE measurement DETACH PARTITION measurement_y2025;

CREATE INDEX ON measurement (logdate);
