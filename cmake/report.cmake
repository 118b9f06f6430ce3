# Sources of the report layer (owned by whoever works on src/report).
set(RUNWAY_REPORT_SOURCES
  src/report/time_format.cpp
)
