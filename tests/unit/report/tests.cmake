# Unit tests of the report layer: text table, JSON, log lines.
runway_add_test(report_tests
  SOURCES
    unit/report/json_report_test.cpp
    unit/report/log_test.cpp
    unit/report/text_report_test.cpp
  LIBS runway_report nlohmann_json::nlohmann_json)
