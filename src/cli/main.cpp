#include <cstdio>

int main() {
  std::puts("runway: under construction");
  return 0;
}
