// Pass one of a bounded stream: every event of the world, filed by simulated time into windows
// (files under a private temporary folder), each window's records in whatever order the workers
// produced them. Pass two (sorted_window.h) reads a window at a time and sorts it, so memory
// holds one or two windows, never the whole stream.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

class EventSpill {
 public:
  // Creates a fresh folder inside `parent`; removes it (and everything in it) when destroyed.
  EventSpill(const std::filesystem::path& parent, int64_t origin_ms, int64_t window_ms);
  ~EventSpill();
  EventSpill(const EventSpill&) = delete;
  EventSpill& operator=(const EventSpill&) = delete;

  // One per worker: records are buffered per window and appended to the window files in large
  // writes. Not thread-safe; flush() before the spill is read (what is not flushed is dropped).
  class Writer {
   public:
    explicit Writer(EventSpill& spill) : spill_(&spill) {}
    void add(const EventKey& key, std::string_view payload);
    void flush();

   private:
    EventSpill* spill_;
    std::unordered_map<uint64_t, std::string> pending_;  // window -> records
    std::unordered_map<uint64_t, uint64_t> counts_;
    size_t bytes_ = 0;
  };

  // Windows 0 .. windows()-1 cover every event (a window may be empty).
  uint64_t windows() const { return counts_.empty() ? 0 : counts_.rbegin()->first + 1; }
  uint64_t events_in(uint64_t window) const;
  uint64_t events() const;
  // The window's records, as written (see sorted_window.h for their layout).
  std::string read(uint64_t window) const;
  int64_t origin_ms() const { return origin_ms_; }
  int64_t window_ms() const { return window_ms_; }

 private:
  std::filesystem::path file_of(uint64_t window) const;
  void append(uint64_t window, const std::string& records, uint64_t count);

  std::filesystem::path dir_;
  int64_t origin_ms_, window_ms_;
  std::array<std::mutex, 64> file_locks_;  // by window, striped
  std::mutex counts_mu_;
  std::map<uint64_t, uint64_t> counts_;    // window -> events
};

// Record layout in a window file: time_ms (8 bytes), table (1), customer (8), sub (8),
// payload length (4), payload; integers little-endian as the machine writes them (the files
// never leave the process).
inline constexpr size_t kSpillHeaderBytes = 29;

}  // namespace fraudgen
