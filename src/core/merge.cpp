// merge() follows Flyway's MigrationInfoServiceImpl.refresh step by step
// (reference/flyway-core.md §5.2); each step below is one named function.
// The rules for a single migration's state live in merge_rules.cpp.
#include "runway/core/merge.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "merge_rules.hpp"
#include "runway/core/error.hpp"
#include "runway/core/migration_type.hpp"

namespace runway {
namespace {

using merge_rules::Context;

// A history row, left where merge() was given it until its info takes it.
struct AppliedEntry {
  AppliedMigration& row;
  bool out_of_order = false;
  bool deleted = false;
  bool undone = false;
};

// Versioned and baseline files ordered by (version, type), the key a
// history row is matched by.
bool file_before(const ResolvedMigration* a, const ResolvedMigration* b) {
  auto order = *a->version <=> *b->version;
  if (order != 0) return order < 0;
  return a->type_name() < b->type_name();
}

struct ResolvedIndex {
  /// Sorted by file_before, one file per key (the last one given, as an
  /// assignment to a map would keep).
  std::vector<const ResolvedMigration*> versioned;
  std::map<std::string, const ResolvedMigration*> repeatable;
  std::vector<ResolvedMigration> undo;

  /// The position in `versioned` of the file with this version and type, or
  /// versioned.size() when there is none. `hint` is looked at first.
  std::size_t find_versioned(const Version& version, std::string_view type,
                             std::size_t hint) const {
    if (hint < versioned.size() && *versioned[hint]->version == version &&
        versioned[hint]->type_name() == type)
      return hint;
    auto it = std::lower_bound(
        versioned.begin(), versioned.end(), version,
        [type](const ResolvedMigration* file, const Version& v) {
          auto order = *file->version <=> v;
          if (order != 0) return order < 0;
          return file->type_name() < type;
        });
    if (it == versioned.end() || *(*it)->version != version ||
        (*it)->type_name() != type)
      return versioned.size();
    return static_cast<std::size_t>(it - versioned.begin());
  }
};

struct AppliedLists {
  std::vector<AppliedEntry> versioned;
  std::vector<AppliedEntry> repeatable;
  std::vector<AppliedMigration> undo;
};

void raise_to(std::optional<Version>& highest, const Version& v) {
  if (!highest || v > *highest) highest = v;
}

// Step 1.
ResolvedIndex index_resolved(const std::vector<ResolvedMigration>& resolved,
                             Context& context) {
  ResolvedIndex index;
  const Version* highest = nullptr;  // copied once, at the end
  for (const ResolvedMigration& file : resolved) {
    if (file.kind == MigrationKind::kUndo) {
      index.undo.push_back(file);
    } else if (file.version) {
      if (!highest || *file.version > *highest) highest = &*file.version;
      index.versioned.push_back(&file);
    } else {
      index.repeatable[file.description] = &file;
    }
  }
  if (highest) raise_to(context.last_resolved, *highest);
  // The scan gives them in version order already: then this only checks.
  std::vector<const ResolvedMigration*>& files = index.versioned;
  if (!std::is_sorted(files.begin(), files.end(), file_before))
    std::stable_sort(files.begin(), files.end(), file_before);
  // Of files with one key, keep the last given (stable_sort kept their
  // order): the first of each pair of equal neighbours goes.
  auto same_key = [](const ResolvedMigration* a, const ResolvedMigration* b) {
    return !file_before(a, b) && !file_before(b, a);
  };
  if (std::adjacent_find(files.begin(), files.end(), same_key) != files.end()) {
    std::vector<const ResolvedMigration*> kept;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (i + 1 < files.size() && same_key(files[i], files[i + 1])) continue;
      kept.push_back(files[i]);
    }
    files = std::move(kept);
  }
  std::stable_sort(index.undo.begin(), index.undo.end(),
                   [](const ResolvedMigration& a, const ResolvedMigration& b) {
                     return *a.version < *b.version;
                   });
  return index;
}

void mark_deleted(const Version& version, std::vector<AppliedEntry>& rows) {
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (is_synthetic_type(it->row.type) || it->row.version != version) continue;
    if (it->deleted) {
      throw Error(ErrorKind::kMigration, "DUPLICATE_DELETED_MIGRATION",
                  "Corrupted schema history: multiple delete entries for "
                  "version " +
                      version.text());
    }
    it->deleted = true;
    return;
  }
}

void mark_repeatable_deleted(const std::string& description,
                             std::vector<AppliedEntry>& rows) {
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (is_synthetic_type(it->row.type) || it->row.description != description) {
      continue;
    }
    it->deleted = true;
    return;
  }
}

void mark_undone(const Version& version, std::vector<AppliedEntry>& rows) {
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    const AppliedMigration& row = it->row;
    if (row.version != version || is_synthetic_type(row.type) ||
        is_baseline_type(row.type) || !row.success || it->deleted ||
        it->undone) {
      continue;
    }
    it->undone = true;
    return;
  }
}

// Step 2: rows in rank order; DELETE and UNDO rows mark earlier rows.
AppliedLists split_applied(std::vector<AppliedMigration>& rows,
                           Context& context) {
  auto by_rank = [](const AppliedMigration& a, const AppliedMigration& b) {
    return a.installed_rank < b.installed_rank;
  };
  // The history is read in rank order; sort only rows that come otherwise.
  if (!std::is_sorted(rows.begin(), rows.end(), by_rank))
    std::stable_sort(rows.begin(), rows.end(), by_rank);
  AppliedLists lists;
  lists.versioned.reserve(rows.size());
  for (AppliedMigration& row : rows) {
    bool successful_delete = row.type == "DELETE" && row.success;
    if (is_undo_type(row.type)) {
      if (row.success && row.version)
        mark_undone(*row.version, lists.versioned);
      lists.undo.push_back(std::move(row));
    } else if (!row.version) {
      lists.repeatable.push_back({row});
      if (successful_delete) {
        mark_repeatable_deleted(row.description, lists.repeatable);
      }
    } else {
      if (is_baseline_type(row.type)) {
        raise_to(context.applied_baseline, *row.version);
      }
      if (successful_delete) {
        mark_deleted(*row.version, lists.versioned);
      } else {
        lists.versioned.push_back({row});
      }
    }
  }
  return lists;
}

// Step 3: the current version, and which rows came out of order.
void find_last_applied(std::vector<AppliedEntry>& versioned, Context& context) {
  for (AppliedEntry& entry : versioned) {
    const Version& v = *entry.row.version;
    if (!context.last_applied || v > *context.last_applied) {
      if (entry.row.type != "DELETE" && !entry.deleted && !entry.undone) {
        context.last_applied = v;
      }
    } else {
      entry.out_of_order = true;
    }
  }
}

// Step 4 (target=next is settled after sorting, step 12).
void apply_target(const Target& target, Context& context) {
  context.limited = target.kind == Target::Kind::kCurrent ||
                    target.kind == Target::Kind::kVersion;
  context.limit = target.kind == Target::Kind::kCurrent ? context.last_applied
                                                        : target.version;
}

// The infos in listing order (a stable sort), moving each one once: a
// MigrationInfo is large, and sorting thousands in place moved them
// n log n times.
std::vector<MigrationInfo> sorted_for_listing(
    std::vector<MigrationInfo> infos) {
  // Usually they come in order already (history rows, then pending files):
  // then a second vector of them would only cost memory.
  if (std::is_sorted(infos.begin(), infos.end(), merge_rules::listed_before))
    return infos;
  std::vector<std::size_t> order(infos.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) {
                     return merge_rules::listed_before(infos[a], infos[b]);
                   });
  std::vector<MigrationInfo> sorted;
  sorted.reserve(infos.size());
  for (std::size_t i : order) sorted.push_back(std::move(infos[i]));
  return sorted;
}

// Adds the info of `file` and/or `entry` to `infos`, built in place (a
// MigrationInfo is large); `entry`'s row is moved into it (each applied row
// is listed once).
void add_info(std::vector<MigrationInfo>& infos, const ResolvedMigration* file,
              AppliedEntry* entry) {
  MigrationInfo& info = infos.emplace_back();
  if (file) info.resolved = *file;
  if (entry) {
    info.applied = std::move(entry->row);
    info.out_of_order = entry->out_of_order;
    info.deleted = entry->deleted;
    info.undone = entry->undone;
  }
}

bool counts_as_applied(const AppliedEntry& entry) {
  return !entry.deleted && entry.row.type != "DELETE" && !entry.undone;
}

// Steps 5 and 6.
void add_versioned(const ResolvedIndex& index, AppliedLists& lists,
                   Context& context, std::vector<MigrationInfo>& infos) {
  const std::size_t none = index.versioned.size();
  std::vector<bool> applied_files(index.versioned.size());
  std::size_t next = 0;  // rows usually come in the files' order
  for (AppliedEntry& entry : lists.versioned) {
    const std::size_t at =
        index.find_versioned(*entry.row.version, entry.row.type, next);
    if (at != none) next = at + 1;
    const ResolvedMigration* file = at == none ? nullptr : index.versioned[at];
    if (file && counts_as_applied(entry)) applied_files[at] = true;
    add_info(infos, file, &entry);
  }
  for (std::size_t at = 0; at < index.versioned.size(); ++at) {
    if (applied_files[at]) continue;
    const ResolvedMigration* file = index.versioned[at];
    if (file->kind == MigrationKind::kBaseline) {
      raise_to(context.pending_baseline, *file->version);
    }
    add_info(infos, file, nullptr);
  }
}

// Step 7.
void check_target_exists(const Target& target,
                         const std::vector<MigrationInfo>& infos) {
  if (target.kind != Target::Kind::kVersion || !target.fail_if_missing) return;
  for (const MigrationInfo& info : infos) {
    if (info.version() == *target.version) return;
  }
  throw Error(ErrorKind::kConfig, "ERROR",
              "No migration with a target version " + target.version->text() +
                  " could be found. Ensure target is specified correctly and "
                  "the migration exists.");
}

// Steps 8, 9 and 10.
void add_repeatable(const ResolvedIndex& index, AppliedLists& lists,
                    Context& context, std::vector<MigrationInfo>& infos) {
  for (const AppliedEntry& entry : lists.repeatable) {
    if (entry.deleted && entry.row.type == "DELETE") continue;
    int& latest =
        context.latest_repeatable_runs
            .try_emplace(entry.row.description, entry.row.installed_rank)
            .first->second;
    latest = std::max(latest, entry.row.installed_rank);
  }
  std::set<const ResolvedMigration*> up_to_date;
  for (AppliedEntry& entry : lists.repeatable) {
    auto it = index.repeatable.find(entry.row.description);
    const ResolvedMigration* file =
        it == index.repeatable.end() ? nullptr : it->second;
    auto latest = context.latest_repeatable_runs.find(entry.row.description);
    if (file && !entry.deleted && entry.row.type != "DELETE" &&
        latest != context.latest_repeatable_runs.end() &&
        latest->second == entry.row.installed_rank &&
        merge_rules::checksum_matches(*file, entry.row.checksum)) {
      up_to_date.insert(file);
    }
    add_info(infos, file, &entry);
  }
  for (const auto& [description, file] : index.repeatable) {
    if (!up_to_date.count(file)) add_info(infos, file, nullptr);
  }
}

void assign_states(std::vector<MigrationInfo>& infos, const Context& context) {
  for (MigrationInfo& info : infos) {
    info.state = merge_rules::state_of(info, context);
  }
}

// Step 12: target=next becomes the first pending migration's version.
void settle_next_target(std::vector<MigrationInfo>& infos, Context& context) {
  auto first = std::find_if(infos.begin(), infos.end(), [](const auto& info) {
    return info.state == MigrationState::kPending;
  });
  if (first == infos.end() || !first->is_versioned()) return;
  context.limited = true;
  context.limit = first->version();
  assign_states(infos, context);
}

}  // namespace

MergeResult merge(const std::vector<ResolvedMigration>& resolved,
                  std::vector<AppliedMigration> applied,
                  const MergeOptions& options) {
  Context context;
  context.out_of_order = options.out_of_order;
  ResolvedIndex index = index_resolved(resolved, context);
  const std::size_t row_count = applied.size();
  AppliedLists lists = split_applied(applied, context);
  find_last_applied(lists.versioned, context);
  apply_target(options.target, context);

  std::vector<MigrationInfo> infos;
  infos.reserve(resolved.size() + row_count);
  add_versioned(index, lists, context, infos);
  check_target_exists(options.target, infos);
  add_repeatable(index, lists, context, infos);
  merge_rules::add_available_undo(index.undo, infos);

  assign_states(infos, context);
  infos = sorted_for_listing(std::move(infos));
  if (options.target.kind == Target::Kind::kNext) {
    settle_next_target(infos, context);
  }
  merge_rules::assign_undo_columns(infos, index.undo);

  MergeResult result;
  result.infos = std::move(infos);
  result.undo_rows = merge_rules::undo_row_infos(lists.undo, index.undo);
  result.undo_migrations = std::move(index.undo);
  result.current = context.last_applied;
  result.applied_baseline = context.applied_baseline;
  result.pending_baseline = context.pending_baseline;
  result.last_resolved = context.last_resolved;
  result.options = options;
  return result;
}

std::string current_version_text(const MergeResult& merged) {
  if (merged.current) return merged.current->text();
  for (const MigrationInfo& info : merged.infos) {
    if (state_is_applied(info.state) &&
        info.state != MigrationState::kDeleted &&
        info.state != MigrationState::kUndone && info.type() != "DELETE" &&
        !info.is_versioned()) {
      return "null";
    }
  }
  return "<< Empty Schema >>";
}

}  // namespace runway
