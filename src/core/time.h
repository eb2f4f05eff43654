// Wall-clock seam. Code asks a Clock for "now" so tests can move time (idle
// session expiry, lockouts) without sleeping.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace gonghui {

class Clock {
 public:
  virtual ~Clock() = default;
  // Unix seconds.
  virtual int64_t Now() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t Now() const override;
};

// A clock that only moves when told to.
class FakeClockForTest : public Clock {
 public:
  explicit FakeClockForTest(int64_t now) : now_(now) {}
  int64_t Now() const override { return now_.load(); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

// "2026-05-20T08:00:00Z"
std::string FormatTimestamp(int64_t unix_seconds);

}  // namespace gonghui
