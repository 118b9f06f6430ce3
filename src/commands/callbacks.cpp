#include "runway/commands/callbacks.hpp"

#include "apply_migration.hpp"
#include "runway/commands/executor.hpp"

namespace runway::commands {

CallbackRunner::CallbackRunner(CommandContext& ctx,
                               std::vector<fs::Callback> callbacks)
    : ctx_(ctx), callbacks_(std::move(callbacks)) {}

bool CallbackRunner::has(std::string_view event) const {
  for (const fs::Callback& c : callbacks_)
    if (c.event == event) return true;
  return false;
}

void CallbackRunner::fire(std::string_view event, bool inside_transaction) {
  fire_at(event, inside_transaction, false);
}

void CallbackRunner::fire_between_statements(std::string_view event,
                                             bool inside_transaction) {
  fire_at(event, inside_transaction, true);
}

void CallbackRunner::fire_at(std::string_view event, bool inside_transaction,
                             bool between_statements) {
  for (const fs::Callback& callback : callbacks_) {
    if (callback.event != event) continue;
    try {
      run_one(callback, inside_transaction, between_statements);
    } catch (const Error& e) {
      throw CallbackFailed(e.kind(), e.code(),
                           "Error while executing " + std::string(event) +
                               " callback: " + e.what());
    }
  }
}

void CallbackRunner::fire_quietly(std::string_view event,
                                  bool between_statements) noexcept {
  try {
    fire_at(event, false, between_statements);
  } catch (const std::exception& e) {
    ctx_.log().warn(e.what());
  }
}

void CallbackRunner::run_one(const fs::Callback& callback,
                             bool inside_transaction, bool between_statements) {
  db::Connection& conn = ctx_.connection();
  const sql::Dialect dialect = ctx_.dialect();
  ScriptAnalysis analysis;
  {
    auto probe = ctx_.open_script(callback.physical_path, callback.config);
    analysis = analyze_script(*probe, dialect);
  }
  const bool transactional = callback.config.execute_in_transaction.value_or(
                                 !analysis.has_non_transactional) &&
                             ctx_.settings().execute_in_transaction;
  std::string title = callback.event;
  if (!callback.description.empty()) title += " - " + callback.description;
  ctx_.log().info("Executing SQL callback: " + title +
                  (transactional ? "" : " [non-transactional]"));

  ExecuteOptions options;
  options.dialect = dialect;
  options.output_query_results = ctx_.settings().output_query_results;
  options.log = &ctx_.log();
  // Between a script's statements (Flyway's onEachMigrateOrUndoStatement-
  // Event): neither its schema nor its notice handler is touched.
  options.own_notice_handler = !between_statements;
  auto script = ctx_.open_script(callback.physical_path, callback.config);
  if (!between_statements) ctx_.use_default_schema();
  const bool own_transaction =
      transactional && !inside_transaction && !conn.in_transaction();
  // Inside the migration's transaction, a COMMIT (or MySQL DDL) of the
  // callback must not leave the migration's statements in autocommit.
  options.keep_transaction = inside_transaction && conn.in_transaction();
  if (own_transaction) conn.begin();
  try {
    execute_script(conn, *script, options);
    if (own_transaction) conn.commit();
  } catch (const StatementFailed& e) {
    if (own_transaction) conn.rollback();
    throw Error(
        ErrorKind::kSql, "ERROR",
        script_failure_text(callback.script, callback.physical_path, e));
  } catch (...) {
    if (own_transaction) conn.rollback();
    throw;
  }
}

}  // namespace runway::commands
