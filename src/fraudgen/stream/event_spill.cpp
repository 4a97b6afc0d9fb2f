#include "fraudgen/stream/event_spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

#include "fraudgen/core/file_text.h"

namespace fraudgen {
namespace fs = std::filesystem;
namespace {

constexpr size_t kWriterBuffer = 16ULL << 20;  // per worker, across its windows

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

EventSpill::EventSpill(const fs::path& parent, int64_t origin_ms, int64_t window_ms)
    : origin_ms_(origin_ms), window_ms_(window_ms) {
  std::random_device rd;
  std::error_code ec;
  for (int attempt = 0; attempt < 16; ++attempt) {
    char name[64];
    std::snprintf(name, sizeof name, "fraudgen-stream-%d-%08x", static_cast<int>(::getpid()), rd());
    dir_ = parent / name;
    if (fs::create_directory(dir_, ec)) return;
    if (ec) break;
  }
  throw std::runtime_error("cannot create a temporary folder in " + parent.string() + (ec ? ": " + ec.message() : std::string()) +
                           " (--spill-dir chooses another place)");
}

EventSpill::~EventSpill() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

fs::path EventSpill::file_of(uint64_t window) const {
  char name[32];
  std::snprintf(name, sizeof name, "w%09llu.bin", static_cast<unsigned long long>(window));
  return dir_ / name;
}

void EventSpill::append(uint64_t window, const std::string& records, uint64_t count) {
  {
    std::lock_guard lock(file_locks_[window % file_locks_.size()]);
    const fs::path path = file_of(window);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(errno));
    size_t done = 0;
    while (done < records.size()) {
      const ssize_t n = ::write(fd, records.data() + done, records.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        throw std::runtime_error("cannot write " + path.string() + ": " + why + " (--spill-dir chooses another place)");
      }
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  }
  std::lock_guard lock(counts_mu_);
  counts_[window] += count;
}

void EventSpill::Writer::add(const EventKey& key, std::string_view payload) {
  const int64_t since = key.time_ms - spill_->origin_ms_;
  const uint64_t window = since <= 0 ? 0 : static_cast<uint64_t>(since / spill_->window_ms_);
  std::string& out = pending_[window];
  put(out, key.time_ms);
  put(out, key.table);
  put(out, key.customer);
  put(out, key.sub);
  put(out, static_cast<uint32_t>(payload.size()));
  out.append(payload);
  ++counts_[window];
  bytes_ += kSpillHeaderBytes + payload.size();
  if (bytes_ >= kWriterBuffer) flush();
}

void EventSpill::Writer::flush() {
  for (auto& [window, records] : pending_) spill_->append(window, records, counts_[window]);
  pending_.clear();
  counts_.clear();
  bytes_ = 0;
}

uint64_t EventSpill::events_in(uint64_t window) const {
  const auto it = counts_.find(window);
  return it == counts_.end() ? 0 : it->second;
}

uint64_t EventSpill::events() const {
  uint64_t n = 0;
  for (const auto& [window, count] : counts_) n += count;
  return n;
}

std::string EventSpill::read(uint64_t window) const {
  if (!events_in(window)) return {};
  std::optional<std::string> bytes = read_file_text(file_of(window));
  if (!bytes) throw std::runtime_error("cannot read back " + file_of(window).string());
  return std::move(*bytes);
}

}  // namespace fraudgen
