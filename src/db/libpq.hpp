// The libpq functions the PostgreSQL driver calls, resolved on first use
// (see dynamic_library.hpp for why). Private to src/db.
#pragma once

#include <libpq-fe.h>

namespace runway::db::detail {

// clang-format off
#define RUNWAY_LIBPQ_FUNCTIONS(X) \
  X(PQcancel)                     \
  X(PQclear)                      \
  X(PQcmdStatus)                  \
  X(PQcmdTuples)                  \
  X(PQconnectdbParams)            \
  X(PQconsumeInput)               \
  X(PQenterPipelineMode)          \
  X(PQerrorMessage)               \
  X(PQexec)                       \
  X(PQexecParams)                 \
  X(PQexitPipelineMode)           \
  X(PQfinish)                     \
  X(PQflush)                      \
  X(PQfname)                      \
  X(PQfreeCancel)                 \
  X(PQfreemem)                    \
  X(PQgetCancel)                  \
  X(PQgetCopyData)                \
  X(PQgetResult)                  \
  X(PQgetisnull)                  \
  X(PQgetlength)                  \
  X(PQgetvalue)                   \
  X(PQisBusy)                     \
  X(PQnfields)                    \
  X(PQntuples)                    \
  X(PQparameterStatus)            \
  X(PQpipelineSync)               \
  X(PQputCopyData)                \
  X(PQputCopyEnd)                 \
  X(PQresultErrorField)           \
  X(PQresultStatus)               \
  X(PQsendQuery)                  \
  X(PQsendQueryParams)            \
  X(PQserverVersion)              \
  X(PQsetNoticeReceiver)          \
  X(PQsetnonblocking)             \
  X(PQsocket)                     \
  X(PQstatus)                     \
  X(PQtransactionStatus)
// clang-format on

/// One pointer per libpq function, named and typed as libpq-fe.h declares it.
struct LibPq {
#define RUNWAY_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
  RUNWAY_LIBPQ_FUNCTIONS(RUNWAY_LIBPQ_POINTER)
#undef RUNWAY_LIBPQ_POINTER
};

/// libpq, loaded on the first call (thread-safe); throws ConnectionError
/// when libpq.so is not installed.
const LibPq& libpq();

}  // namespace runway::db::detail
