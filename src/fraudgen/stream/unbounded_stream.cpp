#include "fraudgen/stream/unbounded_stream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "fraudgen/core/parallel.h"
#include "fraudgen/core/scratch_file.h"
#include "fraudgen/stream/customer_day_events.h"
#include "fraudgen/stream/event_sender.h"
#include "fraudgen/stream/ride_events.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {
namespace {

constexpr size_t kChunkEvents = 4096;  // rendered and sent as one
constexpr uint64_t kSampleCustomers = 256;
constexpr int kMaxSlabsPerDay = 96;    // a quarter of an hour at least

// Rendered customer-days of the current date, least recently used first out.
class RenderCache {
 public:
  using Events = std::vector<CustomerDayEvents::Event>;
  void start_day(int64_t day) {
    if (day == day_) return;
    day_ = day;
    map_.clear();
    order_.clear();
    bytes_ = 0;
  }
  const Events* find(uint64_t customer) {
    const auto it = map_.find(customer);
    if (it == map_.end()) return nullptr;
    order_.splice(order_.end(), order_, it->second.position);  // most recently used
    return &it->second.events;
  }
  const Events& insert(uint64_t customer, Events events) {
    size_t bytes = sizeof(Entry);
    for (const auto& e : events) bytes += sizeof(e) + e.payload.size();
    order_.push_back(customer);
    Entry& entry = map_[customer] = {std::move(events), bytes, std::prev(order_.end())};
    bytes_ += bytes;
    return entry.events;
  }
  // Drops the least recently used until within the budget, keeping the `keep` most recent.
  void trim(size_t keep) {
    while (bytes_ > kRenderCacheBytes && order_.size() > keep) {
      const auto it = map_.find(order_.front());
      bytes_ -= it->second.bytes;
      map_.erase(it);
      order_.pop_front();
    }
  }

 private:
  struct Entry {
    Events events;
    size_t bytes;
    std::list<uint64_t>::iterator position;
  };
  int64_t day_ = INT64_MIN;
  std::unordered_map<uint64_t, Entry> map_;
  std::list<uint64_t> order_;
  size_t bytes_ = 0;
};

// The rides requested on one local date, every capital's, as events in key order: made once,
// kept until the last of them is sent (a ride ends hours after its request, so the day before's
// are held with the current day's, and the next day's are made while the current day is sent).
// Their lines, about 2 KB a ride in JSON, wait in a nameless file in the spill folder and are
// read back as they are sent.
struct RideDay {
  struct Entry {
    EventKey key;
    uint64_t offset;
    uint32_t length;
  };
  explicit RideDay(const std::filesystem::path& spill_dir) : lines(spill_dir) {}
  std::vector<Entry> entries;  // sorted: the last is the latest
  ScratchFile lines;
  int64_t last_ms() const { return entries.empty() ? std::numeric_limits<int64_t>::min() : entries.back().key.time_ms; }
  void payload(const Entry& e, std::string& out) const {
    out.resize(e.length);
    lines.read(e.offset, out.data(), e.length);
  }
};

// A span of simulated time whose events are keyed and sorted together: part of one day.
struct Slab {
  int64_t day, from_ms, to_ms;
  std::vector<EventKey> keys;  // sorted
  std::vector<std::shared_ptr<const RideDay>> rides;  // the ride days its ride events come from
};

class Unbounded {
 public:
  Unbounded(const SimContext& ctx, uint64_t customers, const RideWorld* rides, int workers, const std::filesystem::path& spill_dir, int64_t first_ms,
            const std::atomic<bool>& stop)
      : ctx_(ctx), customers_(customers), rides_(rides), workers_(std::max(workers, 1)), stop_(stop), day_(local_day_of(first_ms)),
        from_ms_(first_ms), next_ride_day_(std::max(ctx.config().start_day, day_ - 1)), spill_dir_(spill_dir) {
    if (rides_ && spill_dir_.empty()) throw std::invalid_argument("an unbounded stream with rides needs a spill folder for its ride days");
    for (int w = 0; w < workers_; ++w) {
      key_events_.push_back(std::make_unique<CustomerDayEvents>(ctx));
      render_events_.push_back(std::make_unique<CustomerDayEvents>(ctx));
      if (rides_) ride_events_.push_back(std::make_unique<RideBlockEvents>(*rides_, spill_dir));
    }
  }

  // The next slab of the stream with its keys: the rest of the current day cut in equal parts,
  // as many as keep each under kSlabKeys (from a sample of the day). Empty when stopped.
  Slab next_slab() {
    if (slabs_ == 0) {
      make_ride_days(day_);
      const double expected = estimated_events(day_) + (rides_ ? static_cast<double>(ride_days_.back()->entries.size()) : 0.0);
      slabs_ = static_cast<int>(std::clamp(std::ceil(expected * 1.25 / static_cast<double>(kSlabKeys)), 1.0, static_cast<double>(kMaxSlabsPerDay)));
    }
    Slab slab{day_, from_ms_, 0, {}, {}};
    // The day's s-th part ends at day start + (s + 1) / slabs of a day.
    const int64_t start = day_start_ms(day_);
    int64_t s = (from_ms_ - start) * slabs_ / kMillisPerDay;
    while (start + kMillisPerDay * (s + 1) / slabs_ <= from_ms_) ++s;  // the part holding from_ms_
    slab.to_ms = start + kMillisPerDay * (s + 1) / slabs_;
    from_ms_ = slab.to_ms;
    if (from_ms_ >= day_start_ms(day_ + 1)) {
      ++day_;
      slabs_ = 0;
    }
    keys_of(slab);
    return slab;
  }


  // The stream has ended: a slab being keyed is left unfinished.
  void abandon() { abandoned_ = true; }

  // The keys of every customer's events of the slab's day in its span, sorted.
  void keys_of(Slab& slab) {
    std::vector<std::vector<EventKey>> parts(static_cast<size_t>(workers_));
    for_parts(customers_, static_cast<uint64_t>(workers_), [&](uint64_t p, uint64_t first, uint64_t end) {
      std::vector<EventKey>& mine = parts[static_cast<size_t>(p)];
      std::vector<EventKey> keys;
      for (uint64_t c = first; c < end; ++c) {
        if (c % 1024 == 0 && (stop_ || abandoned_)) return;  // a pass over a large population takes long
        keys.clear();
        key_events_[static_cast<size_t>(p)]->keys(c, slab.day, keys);
        for (const EventKey& k : keys)
          if (k.time_ms >= slab.from_ms && k.time_ms < slab.to_ms) mine.push_back(k);
      }
    });
    size_t n = 0;
    for (auto& p : parts) n += p.size();
    slab.keys.reserve(n);
    for (auto& p : parts) {
      slab.keys.insert(slab.keys.end(), p.begin(), p.end());
      std::vector<EventKey>().swap(p);
    }
    if (rides_) {
      // The rides over in the slab, of its day or the day before; older days are done.
      make_ride_days(slab.day);
      while (!ride_days_.empty() && ride_days_.front()->last_ms() < slab.from_ms) ride_days_.pop_front();
      slab.rides.assign(ride_days_.begin(), ride_days_.end());
      for (const auto& day : slab.rides) {
        const auto in_slab = [&](const RideDay::Entry& e) { return e.key.time_ms < slab.from_ms; };
        auto it = std::partition_point(day->entries.begin(), day->entries.end(), in_slab);
        for (; it != day->entries.end() && it->key.time_ms < slab.to_ms; ++it) slab.keys.push_back(it->key);
      }
    }
    std::sort(slab.keys.begin(), slab.keys.end());
  }

  // Makes the ride days up to `day`, each on every worker (a part of the dispatch areas each).
  void make_ride_days(int64_t day) {
    if (!rides_) return;
    for (; next_ride_day_ <= day; ++next_ride_day_) {
      auto made = std::make_shared<RideDay>(spill_dir_);
      std::vector<std::vector<RideDay::Entry>> parts(static_cast<size_t>(workers_));
      for_parts(rides_->areas(), static_cast<uint64_t>(workers_), [&](uint64_t p, uint64_t first, uint64_t end) {
        std::vector<RideDay::Entry>& mine = parts[static_cast<size_t>(p)];
        std::string slice;  // a slice's lines, written at once
        for (uint64_t area = first; area < end; ++area)
          ride_events_[static_cast<size_t>(p)]->make(static_cast<uint32_t>(area), next_ride_day_, next_ride_day_ + 1,
                                                      [&](std::span<const EventKey> keys, std::span<const std::string_view> lines) {
                                                        slice.clear();
                                                        for (const std::string_view line : lines) slice.append(line);
                                                        uint64_t offset = made->lines.append(slice.data(), slice.size());
                                                        for (size_t r = 0; r < keys.size(); ++r) {
                                                          mine.push_back({keys[r], offset, static_cast<uint32_t>(lines[r].size())});
                                                          offset += lines[r].size();
                                                        }
                                                      });
      });
      size_t n = 0;
      for (const auto& part : parts) n += part.size();
      made->entries.reserve(n);
      for (auto& part : parts) {
        made->entries.insert(made->entries.end(), part.begin(), part.end());
        std::vector<RideDay::Entry>().swap(part);
      }
      std::sort(made->entries.begin(), made->entries.end(), [](const RideDay::Entry& a, const RideDay::Entry& b) { return a.key < b.key; });
      ride_days_.push_back(std::move(made));
    }
  }

  // How many events `day` holds, from a sample of customers spread over the population.
  double estimated_events(int64_t day) {
    if (customers_ == 0) return 0;
    const uint64_t sample = std::min(customers_, kSampleCustomers);
    std::vector<EventKey> keys;
    for (uint64_t i = 0; i < sample; ++i) key_events_[0]->keys(i * customers_ / sample, day, keys);
    return static_cast<double>(keys.size()) * static_cast<double>(customers_) / static_cast<double>(sample);
  }

  // The events for the slab's keys[first, end) as lines, the first being event `first_seq`.
  std::unique_ptr<RenderedEvents> render(const Slab& slab, size_t first, size_t end, uint64_t first_seq) {
    const int64_t day = slab.day;
    const std::vector<EventKey>& keys = slab.keys;
    cache_.start_day(day);
    std::vector<uint64_t> missing;
    for (size_t i = first; i < end; ++i)
      if (!is_ride(keys[i]) && !cache_.find(keys[i].customer) && (missing.empty() || missing.back() != keys[i].customer))
        missing.push_back(keys[i].customer);
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    std::vector<RenderCache::Events> rendered(missing.size());
    for_parts(missing.size(), static_cast<uint64_t>(workers_), [&](uint64_t p, uint64_t a, uint64_t b) {
      for (uint64_t i = a; i < b; ++i) render_events_[static_cast<size_t>(p)]->render(missing[i], day, rendered[i]);
    });
    for (size_t i = 0; i < missing.size(); ++i) cache_.insert(missing[i], std::move(rendered[i]));

    auto out = std::make_unique<RenderedEvents>();
    out->first_seq = first_seq;
    for (size_t i = first; i < end; ++i) {
      if (is_ride(keys[i])) {
        ride_payload(slab, keys[i], ride_line_);
        out->add(keys[i], ride_line_);
        continue;
      }
      const RenderCache::Events* events = cache_.find(keys[i].customer);
      const auto it = events ? std::lower_bound(events->begin(), events->end(), keys[i],
                                                [](const CustomerDayEvents::Event& e, const EventKey& k) { return e.key < k; })
                             : RenderCache::Events::const_iterator();
      if (!events || it == events->end() || !(it->key == keys[i]))
        throw std::logic_error("an unbounded stream's event has no row: customer " + std::to_string(keys[i].customer) +
                               ", table " + std::to_string(keys[i].table) + ", time " + std::to_string(keys[i].time_ms));
      out->add(keys[i], it->payload);
    }
    cache_.trim(end - first);
    return out;
  }

 private:
  static bool is_ride(const EventKey& k) { return k.table == static_cast<uint8_t>(Table::Rides); }

  static void ride_payload(const Slab& slab, const EventKey& key, std::string& out) {
    for (const auto& day : slab.rides) {
      const auto it = std::lower_bound(day->entries.begin(), day->entries.end(), key,
                                       [](const RideDay::Entry& e, const EventKey& k) { return e.key < k; });
      if (it != day->entries.end() && it->key == key) {
        day->payload(*it, out);
        return;
      }
    }
    throw std::logic_error("an unbounded stream's ride event has no row: rider " + std::to_string(key.customer) + ", time " +
                           std::to_string(key.time_ms));
  }

  const SimContext& ctx_;
  uint64_t customers_;
  const RideWorld* rides_;
  int workers_;
  const std::atomic<bool>& stop_;
  std::atomic<bool> abandoned_{false};
  // One per worker: the next slab's keys are made while the current slab is rendered and sent.
  std::vector<std::unique_ptr<CustomerDayEvents>> key_events_, render_events_;
  int64_t day_, from_ms_;  // where the next slab starts
  int slabs_ = 0;          // the parts of day_, once estimated
  RenderCache cache_;
  // Rides (made while keying slabs): one maker per worker, the days whose events are not all sent yet.
  std::vector<std::unique_ptr<RideBlockEvents>> ride_events_;
  std::deque<std::shared_ptr<const RideDay>> ride_days_;
  int64_t next_ride_day_;  // the first ride day not made yet
  const std::filesystem::path spill_dir_;  // where the ride days' lines wait
  std::string ride_line_;  // a ride's line read back (render() runs on one thread)
};

}  // namespace

StreamOutcome run_unbounded_stream(const SimContext& ctx, uint64_t customers, const RideWorld* rides, const StreamOptions& options,
                                   EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters) {
  StreamOutcome out;
  const auto prepare_start = Pacer::Clock::now();
  // Events are numbered from the stream's first instant: --start-at, else the first date's start.
  // (Numbering from the first date would first count every customer's events up to --start-at,
  // which a live stream over a large population cannot wait for.)
  const int64_t first_date_ms = day_start_ms(ctx.config().start_day);
  const int64_t first_ms = options.start_at_ms ? std::max(*options.start_at_ms, first_date_ms) : first_date_ms;
  Unbounded world(ctx, customers, rides, options.workers, options.spill_dir, first_ms, stop);
  uint64_t seq = 0;
  out.first_seq = options.from_seq;

  std::optional<EventSender> sender;
  // Each slab is keyed while the one before it is sent; a slab being keyed when the stream ends
  // is left unfinished.
  const uint64_t endless = stop ? 0 : std::numeric_limits<uint64_t>::max();
  make_ahead(0, endless, 1, [&](uint64_t) { return world.next_slab(); }, [&](Slab& slab) {
    if (stop) {
      world.abandon();
      return false;
    }
    if (!sender) {
      out.prepare_seconds = std::chrono::duration<double>(Pacer::Clock::now() - prepare_start).count();
      sender.emplace(options, sink, stop, counters, out);
    }
    const std::vector<EventKey>& keys = slab.keys;
    // The first event to send: not before --from-seq.
    const size_t first = static_cast<size_t>(std::min<uint64_t>(options.from_seq > seq ? options.from_seq - seq : 0, keys.size()));
    // Each chunk is rendered on the workers while the one before it is sent.
    auto render = [&](size_t a) { return world.render(slab, a, std::min(keys.size(), a + kChunkEvents), seq + a); };
    bool more = true;
    make_ahead(first, keys.size(), kChunkEvents, render, [&](const std::unique_ptr<RenderedEvents>& chunk) { return more = sender->send(*chunk); });
    seq += keys.size();
    more = more && !stop;
    if (!more) world.abandon();
    return more;
  });
  if (!sender) sender.emplace(options, sink, stop, counters, out);
  if (stop && out.end == StreamOutcome::Complete) out.end = StreamOutcome::Interrupted;
  sender->finish();
  return out;
}

}  // namespace fraudgen
