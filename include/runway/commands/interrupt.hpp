// Stopping cleanly on SIGTERM/SIGINT (Kubernetes, docker stop, Ctrl-C): the
// signal handler asks the database to cancel the running statement and sets
// a flag the executor checks between statements. The current migration then
// fails like any other (rolled back, or recorded as failed when it was not
// transactional), the lock is released as the stack unwinds, and runway
// exits non-zero.
#pragma once

#include "runway/core/error.hpp"
#include "runway/db/connection.hpp"

namespace runway::commands {

/// Thrown at the next statement boundary after a signal.
class Interrupted : public Error {
 public:
  explicit Interrupted(int signal);
};

/// Async-signal-safe: records the signal and cancels the statement running
/// on the registered connection.
void request_interrupt(int signal) noexcept;
bool interrupt_requested() noexcept;
/// Throws Interrupted if a signal arrived.
void throw_if_interrupted();

/// Marks a connection being opened: a signal that arrives meanwhile ends
/// the process at once (exit 1, one line on stderr) instead of waiting for
/// the driver or the connectRetries back-off; no migration has run yet. A
/// signal that arrived before throws Interrupted here.
class ConnectingScope {
 public:
  ConnectingScope();
  ~ConnectingScope();
  ConnectingScope(const ConnectingScope&) = delete;
  ConnectingScope& operator=(const ConnectingScope&) = delete;
};

/// The connection whose statement a signal cancels (nullptr = none).
void set_cancel_target(db::Connection* connection) noexcept;

/// Installs request_interrupt() for SIGTERM and SIGINT.
void install_interrupt_handlers();

}  // namespace runway::commands
