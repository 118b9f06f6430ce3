// An application that migrates its database at start-up with Runway as a
// library, then reports where the schema stands.
//
//   embedded_example <jdbc-url> <migrations-dir>
#include <cstdio>
#include <runway/runway.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <jdbc-url> <migrations-dir>\n", argv[0]);
    return 2;
  }
  runway::Settings settings;
  settings.url = argv[1];
  settings.locations = {std::string("filesystem:") + argv[2]};
  try {
    runway::Runway migrations(settings);
    runway::MigrateResult migrated = migrations.migrate();
    std::printf("applied %zu migration(s)\n", migrated.migrations.size());
    runway::InfoResult info = migrations.info();
    std::printf("schema version %s\n",
                info.schema_version.value_or("<< Empty Schema >>").c_str());
    for (const auto& m : info.migrations)
      std::printf("%s %s %s\n", m.version.c_str(), m.description.c_str(),
                  m.state.c_str());
  } catch (const runway::Error& e) {
    std::fprintf(stderr, "migration failed: %s\n", e.what());
    return 1;
  }
  return 0;
}
