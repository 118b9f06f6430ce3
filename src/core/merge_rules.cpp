// The state rules of Flyway's merge, kept literal because `info` output and
// validation must agree with Flyway's on the same history:
// * a file alone (ResolvedMigration.getState, BaselineResolvedMigration):
//   compared with the baseline (the applied one, or the pending B file on
//   an empty schema), then the target, then the current version;
// * a history row (BaseAppliedMigration / BaselineAppliedMigration
//   .getState): DELETE and baseline rows first, then "no file" (Missing /
//   Future, judged against the highest file version), then failure, then
//   repeatable latest-run rules, then out-of-order.
// Listing order follows MigrationInfoImpl.compareTo; Flyway's comparator is
// not transitive in general, so we group first (Below Baseline / Ignored
// (Baseline) files, applied rows by rank, other files) which gives the same
// order on every history Flyway can produce.
#include "merge_rules.hpp"

#include "runway/core/file_name.hpp"
#include "runway/core/migration_type.hpp"

namespace runway::merge_rules {
namespace {

bool below(const Version& v, const std::optional<Version>& ref) {
  return ref && v < *ref;
}

bool same(const Version& v, const std::optional<Version>& ref) {
  return ref && v == *ref;
}

// B files: ignored once anything is applied; the highest one is Pending on
// an empty schema even though it equals the (pending) baseline.
MigrationState baseline_file_state(MigrationState state,
                                   const ResolvedMigration& file,
                                   const Context& context) {
  bool history_started = context.applied_baseline || context.last_applied;
  if (state == MigrationState::kPending && history_started) {
    return MigrationState::kIgnored;
  }
  if (state == MigrationState::kBaselineIgnored &&
      same(*file.version, context.pending_baseline)) {
    return history_started ? MigrationState::kBaselineIgnored
                           : MigrationState::kPending;
  }
  return state;
}

MigrationState file_state(const ResolvedMigration& file,
                          const Context& context) {
  if (file.kind == MigrationKind::kUndo) return MigrationState::kAvailable;
  MigrationState state = MigrationState::kPending;
  if (file.version) {
    const Version& v = *file.version;
    const std::optional<Version>& baseline = context.last_applied
                                                 ? context.applied_baseline
                                                 : context.pending_baseline;
    if (below(v, baseline)) {
      state = MigrationState::kBelowBaseline;
    } else if (same(v, baseline)) {
      state = MigrationState::kBaselineIgnored;
    } else if (context.limited && (!context.limit || v > *context.limit)) {
      state = MigrationState::kAboveTarget;
    } else if (below(v, context.last_applied) && !context.out_of_order) {
      state = MigrationState::kIgnored;
    }
  }
  if (file.kind == MigrationKind::kBaseline) {
    state = baseline_file_state(state, file, context);
  }
  return state;
}

bool is_latest_run(const AppliedMigration& row, const Context& context) {
  auto it = context.latest_repeatable_runs.find(row.description);
  return it == context.latest_repeatable_runs.end() ||
         it->second == row.installed_rank;
}

// A row without a file: Missing when older than the newest file, else
// Future. Repeatables only for their latest run.
std::optional<MigrationState> missing_state(const MigrationInfo& info,
                                            const Context& context) {
  const AppliedMigration& row = *info.applied;
  if (info.resolved) return std::nullopt;
  if (!row.version && !is_latest_run(row, context)) return std::nullopt;
  if (row.type == "SCHEMA") return MigrationState::kSuccess;
  if (!row.version || below(*row.version, context.last_resolved)) {
    return row.success ? MigrationState::kMissingSuccess
                       : MigrationState::kMissingFailed;
  }
  return row.success ? MigrationState::kFutureSuccess
                     : MigrationState::kFutureFailed;
}

MigrationState row_state(const MigrationInfo& info, const Context& context) {
  const AppliedMigration& row = *info.applied;
  if (row.type == "DELETE") return MigrationState::kSuccess;
  if (row.type == "BASELINE") return MigrationState::kBaseline;
  if (is_baseline_type(row.type)) {  // an applied B file
    if (!row.success) return MigrationState::kFailed;
    return missing_state(info, context).value_or(MigrationState::kBaseline);
  }
  if (auto missing = missing_state(info, context)) return *missing;
  if (!row.success) return MigrationState::kFailed;
  if (row.type == "SCHEMA") return MigrationState::kSuccess;
  if (!row.version) {
    if (!is_latest_run(row, context)) return MigrationState::kSuperseded;
    return info.resolved && checksum_matches(*info.resolved, row.checksum)
               ? MigrationState::kSuccess
               : MigrationState::kOutdated;
  }
  return info.out_of_order ? MigrationState::kOutOfOrder
                           : MigrationState::kSuccess;
}

int listing_group(const MigrationInfo& info) {
  if (info.applied) return 1;
  if (info.state == MigrationState::kBelowBaseline ||
      info.state == MigrationState::kBaselineIgnored) {
    return 0;
  }
  return 2;
}

// For one version: regular, then baseline, then undo.
int type_rank(const MigrationInfo& info) {
  const std::string type = info.type();
  if (is_undo_type(type)) return 2;
  if (is_baseline_type(type)) return 1;
  return 0;
}

// UTF-16 code units, so descriptions sort as Java's String.compareTo.
std::u16string to_utf16(std::string_view text) {
  std::u16string out;
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead >= 0xF0   ? 4
                         : lead >= 0xE0 ? 3
                         : lead >= 0xC0 ? 2
                                        : 1;
    if (i + length > text.size()) length = 1;
    char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(code));
    }
    i += length;
  }
  return out;
}

bool version_order_before(const MigrationInfo& a, const MigrationInfo& b) {
  if (a.is_versioned() && b.is_versioned()) {
    auto order = *a.version() <=> *b.version();
    if (order != 0) return order < 0;
    return type_rank(a) < type_rank(b);
  }
  if (a.is_versioned() != b.is_versioned()) return a.is_versioned();
  return to_utf16(a.description()) < to_utf16(b.description());
}

}  // namespace

bool checksum_matches(const ResolvedMigration& resolved,
                      std::optional<std::int32_t> stored) {
  if (!stored) return false;
  return *stored == resolved.checksum ||
         (resolved.equivalent_checksum &&
          *stored == *resolved.equivalent_checksum);
}

bool description_matches(const std::string& resolved,
                         const std::string& stored) {
  if (stored == "<< no description >>") return resolved.empty();
  // 200 bytes are at most 200 UTF-16 units: nothing to abbreviate.
  if (resolved.size() <= 200) return resolved == stored;
  return abbreviate_description(resolved) == stored;
}

MigrationState state_of(const MigrationInfo& info, const Context& context) {
  if (info.undone) return MigrationState::kUndone;
  if (info.deleted) return MigrationState::kDeleted;
  if (!info.applied) return file_state(*info.resolved, context);
  return row_state(info, context);
}

bool listed_before(const MigrationInfo& a, const MigrationInfo& b) {
  int group_a = listing_group(a);
  int group_b = listing_group(b);
  if (group_a != group_b) return group_a < group_b;
  if (group_a == 1)
    return a.applied->installed_rank < b.applied->installed_rank;
  return version_order_before(a, b);
}

}  // namespace runway::merge_rules
