// A world's riders, dispatch area by area in customer order: the one part of a ride world that grows
// with every customer. With a folder, they wait in a scratch file there (scratch_file.h) and an
// area-day reads its dispatch area's riders back a batch at a time, so they take no memory however
// large the world (reading them back is a copy from the page cache: under 1% of a run's CPU).
// Without one (unbounded streams, which keep no files, and small pilot worlds) they are held.
#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "fraudgen/core/scratch_file.h"
#include "fraudgen/rides/stored_rider.h"

namespace fraudgen {

class RiderStore {
 public:
  // `cities` capitals; `folder` empty keeps the riders in memory.
  RiderStore(uint32_t cities, const std::filesystem::path& folder);

  // Adds the next customers' riders, by city (`by_city[c]`, in customer order); cleared, their
  // room kept for the next batch. Batches come in customer order.
  void add(std::vector<std::vector<StoredRider>>& by_city);

  uint64_t size() const { return total_; }
  uint64_t size(uint32_t city) const { return sizes_[city]; }
  bool in_file() const { return file_ != nullptr; }
  // The city's k-th rider.
  StoredRider at(uint32_t city, uint64_t k) const;
  // fn(const StoredRider&) for each of the city's riders, in customer order.
  template <typename Fn>
  void for_each(uint32_t city, Fn fn) const;

 private:
  struct Batch {
    uint64_t first;   // the city's index of its first rider
    uint64_t count;
    uint64_t offset;  // in the file, or in held_
  };
  static constexpr uint64_t kReadRiders = 1024;  // 88 KiB a read
  std::unique_ptr<ScratchFile> file_;
  std::vector<std::vector<Batch>> batches_;            // by city
  std::vector<std::vector<StoredRider>> held_;         // without a file: each batch's riders
  std::vector<uint64_t> sizes_;
  uint64_t total_ = 0;
};

template <typename Fn>
void RiderStore::for_each(uint32_t city, Fn fn) const {
  if (!file_) {
    for (const Batch& b : batches_[city])
      for (const StoredRider& r : held_[b.offset]) fn(r);
    return;
  }
  std::vector<StoredRider> buffer(static_cast<size_t>(std::min(kReadRiders, sizes_[city])));
  for (const Batch& b : batches_[city])
    for (uint64_t done = 0; done < b.count;) {
      const uint64_t n = std::min<uint64_t>(buffer.size(), b.count - done);
      file_->read(b.offset + done * sizeof(StoredRider), buffer.data(), n * sizeof(StoredRider));
      for (uint64_t i = 0; i < n; ++i) fn(buffer[i]);
      done += n;
    }
}

}  // namespace fraudgen
