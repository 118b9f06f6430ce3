// Masks passwords in any URL form: the `user:password@` userinfo, query
// parameters whose name contains "password" (also `pwd`), and libpq
// `password=` keywords, quoted or not. Never throws: a string that cannot be
// parsed but mentions a password is masked whole.
#include <algorithm>
#include <string>

#include "runway/db/url.hpp"
#include "url_forms.hpp"

namespace runway::db {
namespace {

constexpr std::string_view kMask = "********";

bool is_secret_key(std::string_view key) {
  const std::string lower = detail::to_lower(key);
  return lower.find("password") != std::string::npos || lower == "pwd";
}

std::string mask_query(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t amp = query.find('&', start);
    std::string_view item = query.substr(start, amp - start);
    const std::size_t eq = item.find('=');
    if (eq != std::string_view::npos && is_secret_key(item.substr(0, eq))) {
      out.append(item.substr(0, eq + 1));
      out.append(kMask);
    } else {
      out.append(item);
    }
    if (amp == std::string_view::npos) return out;
    out += '&';
    start = amp + 1;
  }
}

// Connector/J's host properties, `address=(password=x)` or
// `(host=h,password=x)`: each secret value up to where the parser ends it.
std::string mask_host_properties(std::string_view hosts) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t open = hosts.find_first_of("(,"); open != std::string::npos;
       open = hosts.find_first_of("(,", open + 1)) {
    if (open < pos) continue;  // inside a value already masked
    const std::size_t eq = hosts.find('=', open);
    // address=(password=a,b) runs to its ')'; in (host=h,password=x) a
    // ',' ends it too, as the parser splits there.
    const std::size_t end =
        hosts.find_first_of(hosts[open] == '(' ? ")" : "),", open + 1);
    if (eq == std::string_view::npos || eq > end ||
        !is_secret_key(hosts.substr(open + 1, eq - open - 1)))
      continue;
    out.append(hosts.substr(pos, eq + 1 - pos));
    out.append(kMask);
    pos = end == std::string_view::npos ? hosts.size() : end;
  }
  out.append(hosts.substr(pos));
  return out;
}

std::string mask_url_form(std::string_view url) {
  std::string out;
  std::size_t pos = 0;
  const std::size_t slashes = url.find("//");
  // A '?' inside a host's (key=value) group is not the query's, unless the
  // groups never close (a broken URL is masked all the same).
  // A '(' or '[' that never closes belongs to a password: then '@' and
  // '?' are looked for as in a plain URL.
  const bool grouped = slashes != std::string_view::npos &&
                       detail::groups_balance(url.substr(slashes));
  std::size_t first_query = grouped
                                ? detail::find_outside_groups(url, "?", slashes)
                                : std::string_view::npos;
  if (first_query == std::string_view::npos) first_query = url.find('?');
  if (slashes != std::string_view::npos && slashes < first_query) {
    const std::size_t auth = slashes + 2;
    std::size_t at = std::string_view::npos;
    if (grouped) {
      for (std::size_t i = detail::find_outside_groups(url, "@", auth);
           i < first_query; i = detail::find_outside_groups(url, "@", i + 1))
        at = i;
    } else {
      at = url.substr(0, first_query).rfind('@');
      if (at != std::string_view::npos && at <= auth)
        at = std::string_view::npos;
    }
    if (at != std::string_view::npos) {
      const std::size_t colon = url.substr(0, at).find(':', auth);
      if (colon != std::string_view::npos) {
        out.append(url.substr(0, colon + 1));
        out.append(kMask);
        pos = at;
      }
    }
  }
  const std::size_t hosts_end = std::min(first_query, url.size());
  out.append(mask_host_properties(url.substr(pos, hosts_end - pos)));
  if (first_query == std::string_view::npos) return out;
  out += '?';
  out.append(mask_query(url.substr(first_query + 1)));
  return out;
}

std::string mask_keyword_string(std::string_view conninfo) {
  std::vector<detail::KeywordToken> tokens;
  try {
    tokens = detail::tokenize_keywords(conninfo);
  } catch (const std::exception&) {
    const std::string lower = detail::to_lower(conninfo);
    if (lower.find("password") != std::string::npos) return std::string(kMask);
    return std::string(conninfo);
  }
  std::string out;
  std::size_t pos = 0;
  for (const detail::KeywordToken& token : tokens) {
    if (!is_secret_key(token.key)) continue;
    out.append(conninfo.substr(pos, token.value_begin - pos));
    out.append(kMask);
    pos = token.value_end;
  }
  out.append(conninfo.substr(pos));
  return out;
}

}  // namespace

std::string mask_url(std::string_view url) {
  if (url.find("://") == std::string_view::npos &&
      !detail::starts_with_nocase(url, "jdbc:") &&
      detail::is_keyword_string(url)) {
    return mask_keyword_string(url);
  }
  return mask_url_form(url);
}

}  // namespace runway::db
