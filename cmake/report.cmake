# Sources of the report layer.
set(RUNWAY_REPORT_SOURCES
  src/report/json_report.cpp
  src/report/log.cpp
  src/report/text_report.cpp
  src/report/time_format.cpp
)
