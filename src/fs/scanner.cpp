// Resolving migrations as Flyway's Scanner, SqlMigrationResolver,
// ResourceNameValidator and SqlScriptCallbackFactory do together:
//  1. list the files of every location (missing ones warned about or fatal);
//  2. parse the name of each file ending in a configured suffix; invalid
//     names are fatal with validateMigrationNaming, else counted and skipped;
//  3. order the migrations and refuse duplicates (a V and a B of the same
//     version may coexist, as may a U; two of the same kind may not);
//  4. only then read files: `.sql.conf` + directives for every script, and
//     one streaming pass per migration for its checksum(s).
// A file seen through two overlapping locations counts once (the first).
#include "runway/fs/scanner.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>

#include "locations.hpp"
#include "migration_order.hpp"
#include "parallel_loop.hpp"
#include "runway/core/checksum.hpp"
#include "runway/core/error.hpp"
#include "runway/core/script_config.hpp"
#include "runway/fs/script_reader.hpp"

namespace runway::fs {
namespace {

// The files of some locations, with an index of the `.conf` files among
// them (by lower-cased absolute path, for Flyway's case-insensitive match).
struct FileSet {
  std::vector<FoundFile> files;
  std::unordered_set<std::string> seen;
  std::map<std::string, std::string> confs;
};

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string missing_message(const Location& location, std::string_view problem,
                            const std::string& working_directory) {
  std::string message = location.shown + " (" + std::string(problem) + ")";
  if (std::filesystem::path(location.shown).is_absolute()) return message;
  std::string base = working_directory.empty()
                         ? std::filesystem::current_path().string()
                         : working_directory;
  return message + " Resolved to '" + location.root.string() +
         "'. If this is not where your migrations are, check that your "
         "working directory is set correctly (working directory: '" +
         base + "').";
}

// Adds the files of `texts` to `set`; missing locations are warned about,
// or fatal when `fail_on_missing`.
// Flyway's Locations: sorted by descriptor ("filesystem:<path>"), a
// repeated location, or one under another (neither with wildcards),
// dropped with a warning; so a script's name, taken from the location that
// lists it, does not depend on the order the locations were given in.
std::vector<std::string> distinct_locations(
    const std::vector<std::string>& texts, std::vector<std::string>& warnings) {
  std::vector<std::pair<std::string, std::string>> sorted;  // descriptor, text
  for (const std::string& text : texts) {
    std::string descriptor =
        text.find(':') == std::string::npos ? "filesystem:" + text : text;
    while (descriptor.size() > 1 && descriptor.back() == '/' &&
           descriptor[descriptor.size() - 2] != ':')
      descriptor.pop_back();
    sorted.emplace_back(std::move(descriptor), text);
  }
  std::stable_sort(
      sorted.begin(), sorted.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto wild = [](const std::string& d) {
    return d.find_first_of("*?") != std::string::npos;
  };
  std::vector<std::string> kept_descriptors, kept;
  for (const auto& [descriptor, text] : sorted) {
    const auto parent = std::find_if(
        kept_descriptors.begin(), kept_descriptors.end(),
        [&](const std::string& k) {
          return k == descriptor || (!wild(k) && !wild(descriptor) &&
                                     (descriptor + "/").starts_with(k + "/"));
        });
    if (parent == kept_descriptors.end()) {
      kept_descriptors.push_back(descriptor);
      kept.push_back(text);
    } else if (*parent == descriptor) {
      warnings.push_back("Discarding duplicate location '" + descriptor + "'");
    } else {
      warnings.push_back("Discarding location '" + descriptor +
                         "' as it is a sub-location of '" + *parent + "'");
    }
  }
  return kept;
}

void collect(const std::vector<std::string>& configured,
             const ScanOptions& options, bool callbacks, FileSet& set,
             std::vector<std::string>& warnings) {
  const std::vector<std::string> texts =
      distinct_locations(configured, warnings);
  for (const std::string& text : texts) {
    Location location = resolve_location(text, options.working_directory);
    std::string_view problem = directory_problem(location.root);
    if (!problem.empty()) {
      if (callbacks) {
        warnings.push_back("Skipping callback location " + location.shown +
                           " as it does not exist");
        continue;
      }
      std::string message =
          missing_message(location, problem, options.working_directory);
      if (options.fail_on_missing_locations) {
        throw ConfigError("Failed to find filesystem location: " + message);
      }
      warnings.push_back("Skipping filesystem location: " + message);
      continue;
    }
    if (location.pattern && location.pattern->matches_nothing) {
      warnings.push_back("Location " + text +
                         " matches no file: Flyway reads a pattern that "
                         "ends in ** so (name the directory instead)");
      continue;
    }
    for (FoundFile& file : list_files(location.root)) {
      // A script's .sql.conf beside it counts whatever a pattern names, as
      // Flyway looks for it next to the script.
      if (ascii_lower(file.name).ends_with(".conf")) {
        set.confs.emplace(ascii_lower(file.absolute), file.absolute);
      }
      if (location.pattern) {
        std::optional<std::string> name =
            match_location(*location.pattern, file.relative);
        if (!name) continue;
        file.relative = std::move(*name);
      }
      // One location lists each path once; only several can overlap.
      if (texts.size() > 1 && !set.seen.insert(file.absolute).second) continue;
      set.files.push_back(std::move(file));
    }
  }
}

// Parses the names of the candidate files; invalid ones are collected.
std::vector<Candidate> parse_names(const FileSet& set,
                                   const NamingOptions& naming,
                                   std::vector<std::string>* invalid) {
  std::vector<Candidate> candidates;
  candidates.reserve(set.files.size());
  const FileNameParser parser(naming);
  for (const FoundFile& file : set.files) {
    if (!has_migration_suffix(file.name, naming)) continue;
    std::string error;
    auto parsed = parser.parse(file.name, &error);
    if (parsed) {
      candidates.push_back({&file, std::move(*parsed)});
    } else if (invalid != nullptr) {
      invalid->push_back(std::move(error));
    }
  }
  return candidates;
}

void report_invalid_names(const std::vector<std::string>& invalid,
                          const ScanOptions& options,
                          std::vector<std::string>& notices) {
  if (invalid.empty()) return;
  if (options.validate_migration_naming) {
    std::string message = "Invalid SQL filenames found:";
    for (const std::string& line : invalid) message += "\r\n" + line;
    throw ConfigError(message);
  }
  notices.push_back(std::to_string(invalid.size()) +
                    " SQL migrations were detected but not run because "
                    "they did not follow the filename convention.");
  notices.push_back(
      "Set 'validateMigrationNaming' to true to fail fast and see a list of "
      "the invalid file names.");
}

std::string file_name_of(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// The placeholder values of a scan, asked for once, by the first thread
// that needs them (ScanOptions::resolve_placeholders).
class PlaceholderSupply {
 public:
  explicit PlaceholderSupply(const ScanOptions& options) : options_(options) {}

  // A mutex rather than std::call_once: resolving fails when the
  // connection does, and an exception leaving call_once (glibc's
  // pthread_once, unwound by the statically linked libgcc) aborts the
  // process instead of reaching the caller.
  const PlaceholderOptions& get() {
    if (!options_.resolve_placeholders) return options_.placeholders;
    std::lock_guard<std::mutex> lock(mutex_);
    if (failure_) std::rethrow_exception(failure_);
    if (!values_) {
      try {
        values_ = options_.resolve_placeholders();
      } catch (...) {
        failure_ = std::current_exception();
        throw;
      }
    }
    return *values_;
  }

 private:
  const ScanOptions& options_;
  std::mutex mutex_;
  std::exception_ptr failure_;
  std::optional<PlaceholderOptions> values_;
};

// The `.sql.conf` next to `script`, placeholders replaced, parsed.
ScriptConfig read_conf_file(const std::string& script, const FileSet& set,
                            const ScanOptions& options,
                            PlaceholderSupply& supply) {
  if (set.confs.empty()) return {};
  auto conf = set.confs.find(ascii_lower(script + ".conf"));
  if (conf == set.confs.end()) return {};
  const PlaceholderOptions& placeholders = supply.get();
  PlaceholderFilter filter(
      std::make_unique<FileSource>(conf->second, options.encoding),
      placeholders, conf->second);
  filter.set_value("flyway" + placeholders.separator + "filename",
                   file_name_of(script));
  std::string text;
  std::string chunk;
  while (filter.read(chunk)) text += chunk;
  return parse_script_config(text, conf->second);
}

// Directives are read from the raw bytes of the head of the script, before
// the encoding (which a directive may name) is known; so only scripts in an
// ASCII-compatible encoding (not UTF-16) can carry them. The same open file
// then yields the checksum, so each script is opened and read once.
ScriptConfig read_script_config(FileSource& file, const std::string& script,
                                const FileSet& set, const ScanOptions& options,
                                PlaceholderSupply& supply) {
  ScriptConfig from_conf = read_conf_file(script, set, options, supply);
  ScriptConfig config = merge_script_config(
      from_conf, parse_script_directives(file.raw_head(), script));
  if (config.encoding) file.set_encoding(*config.encoding);
  return config;
}

// One streaming pass: raw checksum always, replaced one for repeatables.
void compute_checksums(ResolvedMigration& migration, FileSource& file,
                       const ScanOptions& options, PlaceholderSupply& supply) {
  // FileSource already dropped the BOM.
  if (migration.kind != MigrationKind::kRepeatable) {
    migration.checksum = checksum_of(file, false);
    return;
  }
  const ScriptConfig& config = migration.config;
  ChecksumBuilder raw(false);
  ChecksummingSource tee(file, raw);
  if (config.placeholder_replacement.value_or(
          options.placeholder_replacement)) {
    const PlaceholderOptions& placeholders = supply.get();
    PlaceholderFilter replaced(tee, placeholders, migration.physical_path);
    replaced.set_value("flyway" + placeholders.separator + "filename",
                       file_name_of(migration.physical_path));
    migration.checksum = checksum_of(replaced, false);
  } else {
    migration.checksum = checksum_of(tee, false);
  }
  migration.equivalent_checksum = raw.value();
}

// Lowers the calling thread's CPU priority to the lowest, once per thread
// (on Linux, setpriority on a thread id concerns that thread only). It
// cannot be raised again without privileges: only the scan's own threads
// are lowered, never a guest (the caller's thread, StartedScan::help).
void give_way_once() {
  thread_local bool lowered = false;
  if (lowered) return;
  lowered = true;
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19);
}

// Reading and checksumming thousands of files is most of a no-op run: a
// few threads share it.
constexpr unsigned kMaxReaders = 4;

ScanResult scan_with(const ScanOptions& options, ParallelLoop& readers) {
  if (options.background) give_way_once();
  ScanResult result;
  FileSet files;
  std::vector<std::string> locations = options.locations;
  if (locations.empty()) locations.push_back("filesystem:sql");
  collect(locations, options, false, files, result.warnings);

  std::vector<std::string> invalid;
  std::vector<Candidate> candidates =
      parse_names(files, options.naming, &invalid);
  report_invalid_names(invalid, options, result.notices);
  std::vector<const FoundFile*> sources;
  result.migrations = order_migrations(candidates, &sources);

  FileSet callback_files;
  const FileSet* callback_set = &files;
  if (!options.callback_locations.empty()) {
    collect(options.callback_locations, options, true, callback_files,
            result.warnings);
    callback_set = &callback_files;
    candidates = parse_names(callback_files, options.naming, nullptr);
  }
  result.callbacks = order_callbacks(candidates);

  PlaceholderSupply supply(options);
  std::vector<FileSource::ReadBuffer> buffers(readers.threads());
  readers.run(result.migrations.size(), [&](std::size_t i, unsigned thread) {
    if (options.cancelled && *options.cancelled)
      throw Error(ErrorKind::kMigration, "ERROR", "The scan was cancelled.");
    if (options.background && !readers.is_guest(thread)) give_way_once();
    ResolvedMigration& migration = result.migrations[i];
    const FoundFile& found = *sources[i];
    FileSource file = found.directory
                          ? FileSource(found.directory->fd(), found.name,
                                       migration.physical_path,
                                       options.encoding, &buffers[thread])
                          : FileSource(migration.physical_path,
                                       options.encoding, &buffers[thread]);
    migration.config = read_script_config(file, migration.physical_path, files,
                                          options, supply);
    compute_checksums(migration, file, options, supply);
  });
  for (Callback& callback : result.callbacks) {
    FileSource file(callback.physical_path, options.encoding, &buffers[0]);
    callback.config = read_script_config(file, callback.physical_path,
                                         *callback_set, options, supply);
  }
  return result;
}

}  // namespace

ScanResult scan_locations(const ScanOptions& options) {
  ParallelLoop readers(ParallelLoop::threads_for_machine(kMaxReaders));
  return scan_with(options, readers);
}

StartedScan::StartedScan(std::future<ScanResult> result,
                         std::shared_ptr<ParallelLoop> readers)
    : result_(std::move(result)), readers_(std::move(readers)) {}
StartedScan::StartedScan(StartedScan&&) noexcept = default;
StartedScan& StartedScan::operator=(StartedScan&&) noexcept = default;
StartedScan::~StartedScan() = default;

void StartedScan::help() {
  if (readers_) readers_->join_in(0);
}

ScanResult StartedScan::get() {
  ScanResult result = result_.get();
  readers_.reset();
  return result;
}

StartedScan start_scan(ScanOptions options) {
  options.background = true;
  // The caller's thread is the last reader: it joins in (help()) once its
  // own work is done, which until then has a processor to itself. On one
  // processor it is a reader too: the scan's own thread, at the lowest
  // priority, may get little of a busy machine.
  const unsigned threads = ParallelLoop::threads_for_machine(kMaxReaders);
  auto readers =
      std::make_shared<ParallelLoop>(threads > 1 ? threads - 1 : 1, 1);
  std::future<ScanResult> result =
      std::async(std::launch::async, [options = std::move(options), readers]() {
        // A guest waiting for the reading lets go when the scan failed
        // before it, as when it is over.
        struct Closing {
          ParallelLoop& loop;
          ~Closing() { loop.close(); }
        } closing{*readers};
        return scan_with(options, *readers);
      });
  return StartedScan(std::move(result), std::move(readers));
}

}  // namespace runway::fs
