// Flyway's ResolvedMigrationComparator and duplicate check
// (CompositeMigrationResolver.checkForIncompatibilities), made deterministic:
// Flyway leaves the order of a V and a B of equal version to a HashSet, and
// can miss a duplicate when such a pair sits between the two offenders; we
// sort V, B, U apart and compare each kind with its own.
#include "migration_order.hpp"

#include <algorithm>
#include <map>

#include "runway/core/error.hpp"

namespace runway::fs {
namespace {

int kind_rank(MigrationKind kind) {
  switch (kind) {
    case MigrationKind::kVersioned:
      return 0;
    case MigrationKind::kBaseline:
      return 1;
    case MigrationKind::kUndo:
      return 2;
    case MigrationKind::kRepeatable:
      break;
  }
  return 3;
}

// What the order looks at, gathered once per candidate: sorting a thousand
// files compares about twelve thousand pairs.
struct OrderKey {
  bool versioned;            // has a version (V, B, U), sorted first
  std::string_view version;  // Version::sort_key()
  int rank;                  // kind_rank
  std::string_view description;
  std::string_view physical_path;
  std::size_t candidate;
};

OrderKey key_of(const Candidate& c, std::size_t index) {
  return {c.name.version.has_value(),
          c.name.version ? c.name.version->sort_key() : std::string_view(),
          kind_rank(c.name.kind),
          c.name.description,
          c.file->absolute,
          index};
}

bool migration_before(const OrderKey& a, const OrderKey& b) {
  if (a.versioned && b.versioned) {
    if (const int order = a.version.compare(b.version); order != 0)
      return order < 0;
    if (a.rank != b.rank) return a.rank < b.rank;
  } else if (a.versioned || b.versioned) {
    return a.versioned;
  } else if (a.description != b.description) {
    return a.description < b.description;
  }
  return a.physical_path < b.physical_path;
}

void check_duplicates(const std::vector<ResolvedMigration>& migrations) {
  for (std::size_t i = 0; i + 1 < migrations.size(); ++i) {
    const ResolvedMigration& a = migrations[i];
    const ResolvedMigration& b = migrations[i + 1];
    auto offenders = [&] {
      return "\nOffenders:\n-> " + a.physical_path + " (" + a.type() +
             ")\n-> " + b.physical_path + " (" + b.type() + ")";
    };
    if (a.version && b.version && a.kind == b.kind &&
        *a.version == *b.version) {
      throw Error(ErrorKind::kMigration, "DUPLICATE_VERSIONED_MIGRATION",
                  "Found more than one migration with version " +
                      a.version->text() + offenders());
    }
    if (!a.version && !b.version && a.description == b.description) {
      throw Error(ErrorKind::kMigration, "DUPLICATE_REPEATABLE_MIGRATION",
                  "Found more than one repeatable migration with description " +
                      a.description + offenders());
    }
  }
}

std::size_t event_index(std::string_view event) {
  auto events = callback_events();
  return static_cast<std::size_t>(
      std::find(events.begin(), events.end(), event) - events.begin());
}

}  // namespace

std::vector<ResolvedMigration> order_migrations(
    const std::vector<Candidate>& candidates,
    std::vector<const FoundFile*>* files) {
  // Sort small keys (each with its candidate's position), then build each
  // migration once, in place: they are large, and a second sorted vector
  // of them was fresh memory for nothing.
  std::vector<OrderKey> order;
  order.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (!candidates[i].name.is_callback)
      order.push_back(key_of(candidates[i], i));
  std::sort(order.begin(), order.end(), migration_before);
  std::vector<ResolvedMigration> migrations;
  migrations.reserve(order.size());
  for (const OrderKey& key : order) {
    const Candidate& candidate = candidates[key.candidate];
    ResolvedMigration& migration = migrations.emplace_back();
    migration.kind = candidate.name.kind;
    migration.version = candidate.name.version;
    migration.raw_version = candidate.name.raw_version;
    migration.description = candidate.name.description;
    migration.script = candidate.file->relative;
    migration.physical_path = candidate.file->absolute;
    if (files != nullptr) files->push_back(candidate.file);
  }
  check_duplicates(migrations);
  return migrations;
}

std::vector<Callback> order_callbacks(
    const std::vector<Candidate>& candidates) {
  std::vector<Callback> callbacks;
  std::map<std::string, std::string> paths_by_name;
  for (const Candidate& candidate : candidates) {
    if (!candidate.name.is_callback) continue;
    std::string name = candidate.name.name_without_suffix();
    auto [existing, inserted] =
        paths_by_name.emplace(name, candidate.file->absolute);
    if (!inserted) {
      throw Error(ErrorKind::kMigration, "ERROR",
                  "Found more than 1 SQL callback script called " + name +
                      "!\nOffenders:\n-> " + existing->second + "\n-> " +
                      candidate.file->absolute);
    }
    callbacks.push_back({candidate.name.event,
                         candidate.name.description,
                         candidate.file->absolute,
                         candidate.file->relative,
                         {}});
  }
  std::sort(callbacks.begin(), callbacks.end(),
            [](const Callback& a, const Callback& b) {
              std::size_t ea = event_index(a.event);
              std::size_t eb = event_index(b.event);
              return ea != eb ? ea < eb : a.description < b.description;
            });
  return callbacks;
}

}  // namespace runway::fs
