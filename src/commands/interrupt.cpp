#include "runway/commands/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <string>

namespace runway::commands {
namespace {

std::atomic<int> g_signal{0};
std::atomic<db::Connection*> g_cancel_target{nullptr};
std::atomic<int> g_connecting{0};

// While a connection is being opened nothing has been changed, and the
// driver may block for long (a server that accepts and never answers) or
// the retries sleep for minutes: the process ends at once, as a JVM does.
extern "C" void on_signal(int signal) {
  if (g_connecting.load() > 0) {
    static const char kMessage[] =
        "ERROR: Interrupted while connecting to the database: stopped "
        "before any migration ran.\n";
    [[maybe_unused]] const ssize_t written =
        ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(1);
  }
  request_interrupt(signal);
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal " + std::to_string(signal);
  }
}

}  // namespace

Interrupted::Interrupted(int signal)
    : Error(ErrorKind::kMigration, "INTERRUPTED",
            "Interrupted by " + signal_name(signal) +
                ": stopped before completing. The migration that was running "
                "was rolled back, or, where a rollback could not undo it (a "
                "non-transactional script, DDL on MySQL and MariaDB), "
                "recorded as failed; run info to see where the schema "
                "stands.") {}

void request_interrupt(int signal) noexcept {
  g_signal.store(signal);
  if (db::Connection* target = g_cancel_target.load()) target->cancel();
}

bool interrupt_requested() noexcept { return g_signal.load() != 0; }

void throw_if_interrupted() {
  if (const int signal = g_signal.load()) throw Interrupted(signal);
}

ConnectingScope::ConnectingScope() {
  g_connecting.fetch_add(1);
  if (interrupt_requested()) {
    g_connecting.fetch_sub(1);
    throw_if_interrupted();
  }
}

ConnectingScope::~ConnectingScope() { g_connecting.fetch_sub(1); }

void set_cancel_target(db::Connection* connection) noexcept {
  g_cancel_target.store(connection);
}

void install_interrupt_handlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  // A closed terminal (an SSH session that drops) stops the run as cleanly
  // as SIGTERM, instead of killing it between two statements; under nohup
  // SIGHUP stays ignored.
  struct sigaction hangup;
  if (sigaction(SIGHUP, nullptr, &hangup) == 0 && hangup.sa_handler != SIG_IGN)
    sigaction(SIGHUP, &action, nullptr);
}

}  // namespace runway::commands
