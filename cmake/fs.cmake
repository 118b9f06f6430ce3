# Sources of the fs layer (owned by whoever works on src/fs).
set(RUNWAY_FS_SOURCES
)
