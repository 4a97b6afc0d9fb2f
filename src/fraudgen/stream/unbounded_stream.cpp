#include "fraudgen/stream/unbounded_stream.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <future>
#include <list>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "fraudgen/stream/customer_day_events.h"
#include "fraudgen/stream/event_sender.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {
namespace {

constexpr size_t kChunkEvents = 4096;  // rendered and sent as one
constexpr uint64_t kSampleCustomers = 256;
constexpr int kMaxSlabsPerDay = 96;    // a quarter of an hour at least

// Runs fn(part, first, end) on `parts` threads over contiguous parts of [0, n); rethrows the
// first error.
template <typename Fn>
void in_parallel(uint64_t n, int parts, Fn fn) {
  parts = static_cast<int>(std::clamp<uint64_t>(n, 1, static_cast<uint64_t>(std::max(parts, 1))));
  std::vector<std::exception_ptr> errors(static_cast<size_t>(parts));
  auto run = [&](int p) {
    try {
      fn(p, n * static_cast<uint64_t>(p) / static_cast<uint64_t>(parts), n * static_cast<uint64_t>(p + 1) / static_cast<uint64_t>(parts));
    } catch (...) {
      errors[static_cast<size_t>(p)] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (int p = 1; p < parts; ++p) threads.emplace_back(run, p);
  run(0);
  for (auto& t : threads) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

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

class Unbounded {
 public:
  Unbounded(const SimContext& ctx, uint64_t customers, int workers) : ctx_(ctx), customers_(customers), workers_(std::max(workers, 1)) {
    for (int w = 0; w < workers_; ++w) events_.push_back(std::make_unique<CustomerDayEvents>(ctx));
  }

  // The keys of every customer's events of `day` in [from_ms, to_ms), sorted.
  void slab_keys(int64_t day, int64_t from_ms, int64_t to_ms, std::vector<EventKey>& out) {
    std::vector<std::vector<EventKey>> parts(static_cast<size_t>(workers_));
    in_parallel(customers_, workers_, [&](int p, uint64_t first, uint64_t end) {
      std::vector<EventKey>& mine = parts[static_cast<size_t>(p)];
      std::vector<EventKey> keys;
      for (uint64_t c = first; c < end; ++c) {
        keys.clear();
        events_[static_cast<size_t>(p)]->keys(c, day, keys);
        for (const EventKey& k : keys)
          if (k.time_ms >= from_ms && k.time_ms < to_ms) mine.push_back(k);
      }
    });
    out.clear();
    for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    std::sort(out.begin(), out.end());
  }

  // How many events `day` holds, from a sample of customers spread over the population.
  double estimated_events(int64_t day) {
    const uint64_t sample = std::min(customers_, kSampleCustomers);
    std::vector<EventKey> keys;
    for (uint64_t i = 0; i < sample; ++i) events_[0]->keys(i * customers_ / sample, day, keys);
    return static_cast<double>(keys.size()) * static_cast<double>(customers_) / static_cast<double>(sample);
  }

  // The events for keys[first, end) as lines, the first being event `first_seq`.
  std::unique_ptr<RenderedEvents> render(int64_t day, const std::vector<EventKey>& keys, size_t first, size_t end, uint64_t first_seq) {
    cache_.start_day(day);
    std::vector<uint64_t> missing;
    for (size_t i = first; i < end; ++i)
      if (!cache_.find(keys[i].customer) && (missing.empty() || missing.back() != keys[i].customer)) missing.push_back(keys[i].customer);
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    std::vector<RenderCache::Events> rendered(missing.size());
    in_parallel(missing.size(), workers_, [&](int p, uint64_t a, uint64_t b) {
      for (uint64_t i = a; i < b; ++i) events_[static_cast<size_t>(p)]->render(missing[i], day, rendered[i]);
    });
    for (size_t i = 0; i < missing.size(); ++i) cache_.insert(missing[i], std::move(rendered[i]));

    auto out = std::make_unique<RenderedEvents>();
    out->first_seq = first_seq;
    for (size_t i = first; i < end; ++i) {
      const RenderCache::Events* events = cache_.find(keys[i].customer);
      const auto it = events ? std::lower_bound(events->begin(), events->end(), keys[i],
                                                [](const CustomerDayEvents::Event& e, const EventKey& k) { return e.key < k; })
                             : RenderCache::Events::const_iterator();
      if (!events || it == events->end() || it->key < keys[i] || keys[i] < it->key)
        throw std::logic_error("an unbounded stream's event has no row: customer " + std::to_string(keys[i].customer) +
                               ", table " + std::to_string(keys[i].table) + ", time " + std::to_string(keys[i].time_ms));
      out->add(keys[i], it->payload);
    }
    cache_.trim(end - first);
    return out;
  }

 private:
  const SimContext& ctx_;
  uint64_t customers_;
  int workers_;
  std::vector<std::unique_ptr<CustomerDayEvents>> events_;  // one per worker
  RenderCache cache_;
};

}  // namespace

StreamOutcome run_unbounded_stream(const SimContext& ctx, uint64_t customers, const StreamOptions& options, EventSink& sink,
                                   const std::atomic<bool>& stop, StreamCounters& counters) {
  StreamOutcome out;
  const auto prepare_start = Pacer::Clock::now();
  Unbounded world(ctx, customers, options.workers);
  const int64_t first_date = ctx.config().start_day;
  int64_t day = options.start_at_ms ? std::max(first_date, local_day_of(*options.start_at_ms)) : first_date;

  // Events are numbered from the first date: count the days before the first one sent.
  uint64_t seq = 0;
  counters.blocks = static_cast<uint64_t>(day - first_date);
  std::vector<EventKey> keys;
  for (int64_t d = first_date; d < day && !stop; ++d) {
    world.slab_keys(d, day_start_ms(d), day_start_ms(d + 1), keys);
    seq += keys.size();
    ++counters.blocks_done;
  }
  out.first_seq = std::max(seq, options.from_seq);

  EventSender sender(options, sink, stop, counters, out);
  out.prepare_seconds = std::chrono::duration<double>(Pacer::Clock::now() - prepare_start).count();
  bool first_slab = true;
  for (bool more = !stop; more; ++day) {
    const double expected = world.estimated_events(day);
    const int slabs = static_cast<int>(std::clamp(std::ceil(expected * 1.25 / static_cast<double>(kSlabKeys)), 1.0, static_cast<double>(kMaxSlabsPerDay)));
    for (int s = 0; s < slabs && more; ++s) {
      const int64_t from = day_start_ms(day) + kMillisPerDay * s / slabs, to = day_start_ms(day) + kMillisPerDay * (s + 1) / slabs;
      world.slab_keys(day, from, to, keys);
      // The first event to send: not before --start-at, not before --from-seq.
      size_t first = 0;
      if (first_slab && options.start_at_ms)
        first = static_cast<size_t>(std::partition_point(keys.begin(), keys.end(), [&](const EventKey& k) { return k.time_ms < *options.start_at_ms; }) - keys.begin());
      if (options.from_seq > seq) first = std::max<size_t>(first, static_cast<size_t>(std::min<uint64_t>(options.from_seq - seq, keys.size())));
      if (first < keys.size()) first_slab = false;
      // Each chunk is rendered on the workers while the one before it is sent.
      auto render = [&](size_t a) {
        return world.render(day, keys, a, std::min(keys.size(), a + kChunkEvents), seq + a);
      };
      std::future<std::unique_ptr<RenderedEvents>> next;
      if (first < keys.size()) next = std::async(std::launch::async, render, first);
      for (size_t a = first; a < keys.size() && more; a += kChunkEvents) {
        const std::unique_ptr<RenderedEvents> chunk = next.get();
        if (a + kChunkEvents < keys.size()) next = std::async(std::launch::async, render, a + kChunkEvents);
        more = sender.send(*chunk);
      }
      if (next.valid()) next.wait();
      seq += keys.size();
      more = more && !stop;
    }
  }
  if (stop && out.end == StreamOutcome::Complete) out.end = StreamOutcome::Interrupted;
  sender.finish();
  return out;
}

}  // namespace fraudgen
