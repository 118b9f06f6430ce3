# Sources of the config layer (owned by whoever works on src/config).
set(RUNWAY_CONFIG_SOURCES
  src/config/redact.cpp
)
