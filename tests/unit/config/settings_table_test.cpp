#include "runway/config/settings_table.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace runway;

namespace {

SettingType field_type(const SettingField& field) {
  switch (field.index()) {
    case 2:
      return SettingType::kBool;
    case 3:
      return SettingType::kInt;
    case 4:
      return SettingType::kList;
    case 5:
      return SettingType::kMap;
    default:
      return SettingType::kString;  // string and OutputType fields
  }
}

}  // namespace

TEST_CASE("every stored key's type matches its Settings field",
          "[config][table]") {
  for (const SettingSpec& spec : settings_table()) {
    if (std::holds_alternative<std::monostate>(spec.field)) continue;
    INFO(spec.key);
    CHECK(field_type(spec.field) == spec.type);
    CHECK(spec.support == SettingSupport::kHonoured);
  }
}

TEST_CASE("documented defaults are the Settings defaults", "[config][table]") {
  const Settings defaults;
  // Defaults decided later than configuration (by the scanner, the
  // connection) are documented in words or as what the empty value means.
  const std::set<std::string_view> decided_later = {"locations"};
  for (const SettingSpec& spec : settings_table()) {
    if (std::holds_alternative<std::monostate>(spec.field) ||
        spec.default_text.starts_with("(") ||
        decided_later.contains(spec.key)) {
      continue;
    }
    INFO(spec.key);
    CHECK(setting_text(spec, defaults) == spec.default_text);
  }
}

TEST_CASE("keys and environment variables are unique", "[config][table]") {
  std::set<std::pair<int, std::string_view>> keys;
  std::set<std::string_view> variables;
  for (const SettingSpec& spec : settings_table()) {
    INFO(spec.key);
    CHECK(keys.insert({static_cast<int>(spec.scope), spec.key}).second);
    if (!spec.env_var.empty()) CHECK(variables.insert(spec.env_var).second);
  }
}

TEST_CASE("ignored and unsupported keys store nothing", "[config][table]") {
  for (const SettingSpec& spec : settings_table()) {
    if (spec.support == SettingSupport::kHonoured) continue;
    INFO(spec.key);
    CHECK(std::holds_alternative<std::monostate>(spec.field));
  }
}

TEST_CASE("map keys are found with their entry name", "[config][table]") {
  auto match = find_setting(SettingScope::kFlyway, "placeholders.Tenant.x");
  REQUIRE(match);
  CHECK(match->spec->key == "placeholders");
  CHECK(match->entry == "Tenant.x");
  CHECK_FALSE(find_setting(SettingScope::kFlyway, "placeholders"));
  CHECK_FALSE(find_setting(SettingScope::kFlyway, "placeholders."));
}

TEST_CASE("dotted and scoped keys are found in their scope only",
          "[config][table]") {
  CHECK(find_setting(SettingScope::kFlyway, "postgresql.transactional.lock"));
  CHECK(find_setting(SettingScope::kEnvironment, "url"));
  CHECK_FALSE(find_setting(SettingScope::kFlyway, "url"));
  CHECK_FALSE(find_setting(SettingScope::kFlyway, "cleandisabled"));
}

TEST_CASE("store_setting and setting_text round-trip every type",
          "[config][table]") {
  Settings settings;
  auto spec = [](SettingScope scope, std::string_view key) {
    return *find_setting(scope, key)->spec;
  };
  store_setting(spec(SettingScope::kFlyway, "cleanDisabled"), settings, false);
  store_setting(spec(SettingScope::kFlyway, "lockRetryCount"), settings, -1);
  store_setting(spec(SettingScope::kFlyway, "locations"), settings,
                std::vector<std::string>{"a", "b"});
  store_setting(spec(SettingScope::kFlyway, "placeholders.x"), settings,
                std::map<std::string, std::string>{{"a", "1"}, {"b", "2"}});
  store_setting(spec(SettingScope::kCommandLine, "outputType"), settings,
                std::string("json"));
  CHECK_FALSE(settings.clean_disabled);
  CHECK(settings.lock_retry_count == -1);
  CHECK(setting_text(spec(SettingScope::kFlyway, "locations"), settings) ==
        "a,b");
  CHECK(setting_text(spec(SettingScope::kFlyway, "placeholders.x"), settings) ==
        "a=1,b=2");
  CHECK(settings.output_type == OutputType::kJson);
}
