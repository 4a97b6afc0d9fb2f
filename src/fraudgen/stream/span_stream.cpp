#include "fraudgen/stream/span_stream.h"

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fraudgen/core/parallel.h"
#include "fraudgen/sim/customer_table.h"
#include "fraudgen/sim/customer_window.h"
#include "fraudgen/sim/transaction_table.h"
#include "fraudgen/stream/event_sender.h"
#include "fraudgen/stream/jsonl_rows.h"
#include "fraudgen/stream/ride_events.h"
#include "fraudgen/stream/world_events.h"

namespace fraudgen {
namespace {

constexpr size_t kSpanChunkEvents = 512;  // turned into lines on one worker, sent as one
constexpr int64_t kNoTransaction = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxSpanDays = 92;       // the first event waits for the first span
constexpr double kCustomerWindowBytes = 2048;  // a customer's window (devices, trips, scenarios), kept for its span

// An event due after the span that made it, as its line's payload.
struct PendingEvent {
  EventKey key;
  std::string payload;
};

// What one worker simulated of a span: its customers with their windows, the span's
// transactions (a row's `customer` is a position in `customers`), and the lines already made
// (customers, devices, and events that waited for the span).
struct SpanPart {
  std::vector<Customer> customers;
  std::vector<Transaction> transactions;
  std::string lines;
  std::vector<size_t> line_ends;
  std::string_view line(size_t k) const {
    const size_t begin = k ? line_ends[k - 1] : 0;
    return std::string_view(lines).substr(begin, line_ends[k] - begin);
  }
  void add_line(std::string_view payload) {
    lines.append(payload);
    line_ends.push_back(lines.size());
  }
  void clear() {
    customers.clear();
    transactions.clear();
    lines.clear();
    line_ends.clear();
  }
};

// A span's events in stream order, each a transaction's row or label to make, or a made line.
struct SpanEvents {
  struct Entry {
    EventKey key;
    uint32_t part;
    uint32_t index;  // into the part's transactions, or its lines
    bool made;       // a line already made
  };
  std::vector<SpanPart> parts;
  std::vector<Entry> entries;
};

bool is_transaction(const SpanEvents::Entry& e) { return e.key.table == static_cast<uint8_t>(Table::Transactions); }

// Buffers reused from one span or chunk to the next, so their pages stay mapped.
template <class T>
class FreeList {
 public:
  std::unique_ptr<T> take() {
    std::lock_guard lock(mu_);
    if (free_.empty()) return std::make_unique<T>();
    std::unique_ptr<T> t = std::move(free_.back());
    free_.pop_back();
    return t;
  }
  void give(std::unique_ptr<T> t) {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(t));
  }

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> free_;
};

// One worker: simulates its share of a span's customers, and turns chunks of a span into lines.
class SpanWorker {
 public:
  explicit SpanWorker(const SimContext& ctx) : ctx_(ctx) {
    for (Table t : kBankTables) batches_.emplace_back(schema_of(t));
    mark_keyed_transaction_columns(batch(Table::Transactions));
  }

  // Customers [first, end) on days [a, b] into `part` and `entries`; events due at or after
  // `until_ms` become lines in `pending`. `first_tx` holds each customer's first transaction so
  // far. With `last`, the customers without any also get their events (after the range).
  void simulate(uint64_t first, uint64_t end, int64_t a, int64_t b, bool last, std::vector<int64_t>& first_tx, uint32_t part_index,
                SpanPart& part, std::vector<SpanEvents::Entry>& entries, std::vector<PendingEvent>& pending,
                const std::atomic<bool>& stop, const std::atomic<bool>& abandoned) {
    part.clear();
    const SimConfig& cfg = ctx_.config();
    const int64_t until_ms = day_start_ms(b + 1);
    for (uint64_t c = first; c < end; ++c) {
      if (c % 256 == 0 && (stop || abandoned)) return;
      Customer cu = make_customer(ctx_, c);
      open_window(ctx_, cu, a - kLookbackDays, b);
      timeline_.clear();
      simulate_timeline(ctx_, cu, static_cast<uint32_t>(part.customers.size()), timeline_);
      // The timeline is in time order: the span's rows are one run of it.
      const auto from = std::partition_point(timeline_.begin(), timeline_.end(), [&](const Transaction& t) { return local_day_of(t.time_ms) < a; });
      const auto to = std::partition_point(from, timeline_.end(), [&](const Transaction& t) { return local_day_of(t.time_ms) <= b; });
      for (auto it = from; it != to; ++it) {
        const Transaction& t = *it;
        const auto index = static_cast<uint32_t>(part.transactions.size());
        part.transactions.push_back(t);
        entries.push_back({transaction_event_key(c, t), part_index, index, false});
        if (!t.is_fraud()) continue;
        const EventKey label = label_event_key(c, t);
        if (label.time_ms < until_ms) {
          entries.push_back({label, part_index, index, false});
        } else {
          write_fraud_label_row(batch(Table::FraudLabels), ctx_, cu, t);
          later_.push_back(label);
        }
      }
      // The customer and its devices follow its first transaction since the first date, or the range.
      int64_t& seen = first_tx[c];
      if (seen == kNoTransaction && (from != to || last)) {
        seen = from != to ? from->time_ms : day_start_ms(cfg.end_day + 1);
        Customer whole = make_customer(ctx_, c);
        open_window(ctx_, whole, cfg.start_day, cfg.end_day);
        write_customer_row(batch(Table::Customers), ctx_, whole);
        made_[0].push_back(customer_event_key(c, seen));
        for (size_t s = 0; s < whole.devices.size(); ++s) {
          if (!device_listed(whole, s)) continue;
          const Device& d = whole.devices[s];
          write_device_row(batch(Table::Devices), ctx_, whole, d);
          made_[1].push_back(device_event_key(cfg.seed, c, d, device_event_ms(ctx_, d, seen)));
        }
      }
      part.customers.push_back(std::move(cu));
    }
    // The lines made now: customers and devices, labels due later.
    for (Table t : {Table::Customers, Table::Devices}) {
      const std::vector<EventKey>& keys = made_[static_cast<size_t>(t)];
      const std::vector<std::string_view>& lines = rows_.lines(batch(t));
      if (lines.size() != keys.size()) throw std::logic_error("span stream: the keys do not match the rows of " + std::string(schema_of(t).name));
      for (size_t k = 0; k < lines.size(); ++k) {
        const EventKey& key = keys[k];
        const std::string_view line = lines[k];
        if (key.time_ms < until_ms) {
          entries.push_back({key, part_index, static_cast<uint32_t>(part.line_ends.size()), true});
          part.add_line(line);
        } else {
          pending.push_back({key, std::string(line)});
        }
      }
      batch(t).clear();
    }
    const std::vector<std::string_view>& labels = rows_.lines(batch(Table::FraudLabels));
    if (labels.size() != later_.size()) throw std::logic_error("span stream: label keys do not match their rows");
    for (size_t i = 0; i < labels.size(); ++i) pending.push_back({later_[i], std::string(labels[i])});
    batch(Table::FraudLabels).clear();
    for (auto& m : made_) m.clear();
    later_.clear();
  }

  // The rides requested in dispatch areas [first, end) on days [a, b] into `part` (as lines) and
  // `entries`; those over at or after the span's end wait in `pending`. After simulate().
  void rides(const RideWorld& world, uint32_t first, uint32_t end, int64_t a, int64_t b, uint32_t part_index, SpanPart& part,
             std::vector<SpanEvents::Entry>& entries, std::vector<PendingEvent>& pending, const std::atomic<bool>& stop,
             const std::atomic<bool>& abandoned) {
    if (!rides_) rides_.emplace(world);
    const int64_t until_ms = day_start_ms(b + 1);
    for (uint32_t area = first; area < end && !stop && !abandoned; ++area) {
      rides_->make(area, a, b + 1, [&](std::span<const EventKey> keys, std::span<const std::string_view> lines) {
        for (size_t r = 0; r < keys.size(); ++r) {
          if (keys[r].time_ms < until_ms) {
            entries.push_back({keys[r], part_index, static_cast<uint32_t>(part.line_ends.size()), true});
            part.add_line(lines[r]);
          } else {
            pending.push_back({keys[r], std::string(lines[r])});
          }
        }
      });
    }
  }

  // The events entries[begin, end) of `span` as lines, the first being event `first_seq`.
  void lines(const SpanEvents& span, size_t begin, size_t end, uint64_t first_seq, RenderedEvents& out) {
    ColumnBatch& tb = batch(Table::Transactions);
    ColumnBatch& lb = batch(Table::FraudLabels);
    tb.clear();
    lb.clear();
    size_t rows = 0;
    for (size_t i = begin; i < end; ++i) rows += !span.entries[i].made && is_transaction(span.entries[i]);
    size_t row = tb.add_rows(rows);
    for (size_t i = begin; i < end; ++i) {
      const SpanEvents::Entry& e = span.entries[i];
      if (e.made) continue;
      const SpanPart& part = span.parts[e.part];
      const Transaction& t = part.transactions[e.index];
      if (is_transaction(e)) write_transaction_row(tb.row_writer(row++), ctx_, part.customers[t.customer], t);
      else write_fraud_label_row(lb, ctx_, part.customers[t.customer], t);
    }
    const std::vector<std::string_view>& tx = rows_.lines(tb);
    const std::vector<std::string_view>& labels = label_rows_.lines(lb);
    out.clear();
    out.first_seq = first_seq;
    size_t ti = 0, li = 0;
    for (size_t i = begin; i < end; ++i) {
      const SpanEvents::Entry& e = span.entries[i];
      const std::string_view payload = e.made                                             ? span.parts[e.part].line(e.index)
                                       : is_transaction(e)                                ? tx[ti++]
                                                                                          : labels[li++];
      out.add(e.key, payload);
    }
  }

 private:
  ColumnBatch& batch(Table t) { return batches_[static_cast<size_t>(t)]; }

  const SimContext& ctx_;
  std::vector<ColumnBatch> batches_;
  JsonlRows rows_, label_rows_;
  std::vector<Transaction> timeline_;
  std::array<std::vector<EventKey>, 2> made_;  // keys of the customer rows, of the device rows
  std::vector<EventKey> later_;               // keys of the labels due after the span
  std::optional<RideBlockEvents> rides_;
};

// The world's spans in order; span k covers days [start + k * span_days, ...], and the last
// "span" holds what happens after the range (what waited, and the customers without transactions).
// `customers` is 0 when the banking tables are not streamed, `rides` null when rides are not.
class SpanWorld {
 public:
  SpanWorld(const SimContext& ctx, uint64_t customers, const RideWorld* rides, int64_t span_days, int workers, const std::atomic<bool>& stop)
      : ctx_(ctx), customers_(customers), rides_(rides), span_days_(span_days), workers_(std::max(workers, 1)), stop_(stop),
        first_tx_(customers, kNoTransaction) {
    for (int w = 0; w < 2 * workers_; ++w) workers_state_.push_back(std::make_unique<SpanWorker>(ctx));
    spans_ = (ctx.config().days() + span_days - 1) / span_days + 1;
  }

  int64_t spans() const { return spans_; }
  int workers() const { return workers_; }
  // The stream has ended: a span being simulated is left unfinished.
  void abandon() { abandoned_ = true; }

  // Span k's events, sorted; k in order from 0. Returns early, incomplete, when stopped.
  std::unique_ptr<SpanEvents> span(int64_t k) {
    const SimConfig& cfg = ctx_.config();
    const auto parts = static_cast<size_t>(workers_);
    std::unique_ptr<SpanEvents> out = free_.take();
    out->parts.resize(parts + 1);
    for (SpanPart& part : out->parts) part.clear();  // a part may get rides without customers
    out->entries.clear();
    int64_t until_ms = std::numeric_limits<int64_t>::max();
    if (k < spans_ - 1) {
      const int64_t a = cfg.start_day + k * span_days_, b = std::min(cfg.end_day, a + span_days_ - 1);
      until_ms = day_start_ms(b + 1);
      std::vector<std::vector<SpanEvents::Entry>> entries(parts);
      std::vector<std::vector<PendingEvent>> pending(parts);
      for_parts(customers_, parts, [&](uint64_t p, uint64_t first, uint64_t end) {
        simulating(p).simulate(first, end, a, b, b == cfg.end_day, first_tx_, static_cast<uint32_t>(p), out->parts[p], entries[p],
                               pending[p], stop_, abandoned_);
      });
      if (rides_)
        for_parts(rides_->areas(), parts, [&](uint64_t p, uint64_t first, uint64_t end) {
          simulating(p).rides(*rides_, static_cast<uint32_t>(first), static_cast<uint32_t>(end), a, b, static_cast<uint32_t>(p),
                              out->parts[p], entries[p], pending[p], stop_, abandoned_);
        });
      size_t n = 0;
      for (const auto& e : entries) n += e.size();
      out->entries.reserve(n);
      for (const auto& e : entries) out->entries.insert(out->entries.end(), e.begin(), e.end());
      for (auto& p : pending)
        for (PendingEvent& e : p) pending_.push_back(std::move(e));
    }
    // The events that waited for this span join it.
    SpanPart& waited = out->parts[parts];
    waited.clear();
    const auto due = std::partition(pending_.begin(), pending_.end(), [&](const PendingEvent& e) { return e.key.time_ms >= until_ms; });
    for (auto it = due; it != pending_.end(); ++it) {
      out->entries.push_back({it->key, static_cast<uint32_t>(parts), static_cast<uint32_t>(waited.line_ends.size()), true});
      waited.add_line(it->payload);
    }
    pending_.erase(due, pending_.end());
    std::sort(out->entries.begin(), out->entries.end(), [](const SpanEvents::Entry& x, const SpanEvents::Entry& y) { return x.key < y.key; });
    return out;
  }

  // Worker p of those that make lines (they run while the next span is simulated).
  SpanWorker& lines(size_t p) { return *workers_state_[static_cast<size_t>(workers_) + p]; }

  // A span that has been sent: its buffers serve a later span.
  void recycle(std::unique_ptr<SpanEvents> span) { free_.give(std::move(span)); }

 private:
  SpanWorker& simulating(size_t p) { return *workers_state_[p]; }

  const SimContext& ctx_;
  uint64_t customers_;
  const RideWorld* rides_;
  int64_t span_days_;
  int workers_;
  const std::atomic<bool>& stop_;
  std::atomic<bool> abandoned_{false};
  int64_t spans_ = 0;
  std::vector<std::unique_ptr<SpanWorker>> workers_state_;  // simulating, then making lines
  std::vector<int64_t> first_tx_;      // per customer: its first transaction since the first date
  std::vector<PendingEvent> pending_;  // made by a span, due after it
  FreeList<SpanEvents> free_;
};

}  // namespace

int64_t span_days_for(const Plan& plan, int64_t days, uint64_t span_bytes) {
  if (days <= 0) return 0;
  // A span holds its transactions as simulated (their rows are made when sent) and its
  // customers' windows; labels, customers and devices, as lines, are a small share. Rides are
  // held as lines.
  constexpr double kEntryBytes = sizeof(SpanEvents::Entry);
  auto rows_per_day = [&](Table t) { return streams_table(plan, t) ? static_cast<double>(plan.rows[static_cast<size_t>(t)]) / static_cast<double>(days) : 0.0; };
  auto line_bytes = [&](Table t) { return plan.size_model.bytes_per_row[static_cast<size_t>(t)] + kEntryBytes; };
  const double per_day = rows_per_day(Table::Transactions) * (static_cast<double>(sizeof(Transaction)) + kEntryBytes) +
                         rows_per_day(Table::FraudLabels) * line_bytes(Table::FraudLabels) + rows_per_day(Table::Rides) * line_bytes(Table::Rides);
  const double windows = streams_table(plan, Table::Transactions) ? static_cast<double>(plan.customers) * kCustomerWindowBytes : 0.0;
  const double room = static_cast<double>(span_bytes) - windows;
  if (room <= 0) return 0;
  const int64_t fit = per_day > 0 ? static_cast<int64_t>(std::min(room / per_day, 1e9)) : days;
  return std::min({days, kMaxSpanDays, fit});
}

StreamOutcome run_span_stream(const SimContext& ctx, const Plan& plan, int64_t span_days, const StreamOptions& options,
                              EventSink& sink, const std::atomic<bool>& stop, StreamCounters& counters) {
  StreamOutcome out;
  const auto prepare_start = Pacer::Clock::now();
  const RideWorld* rides = streams_table(plan, Table::Rides) ? plan.ride_world.get() : nullptr;
  SpanWorld world(ctx, streams_table(plan, Table::Transactions) ? plan.customers : 0, rides, span_days, options.workers, stop);
  out.total_events = stream_events(plan);
  out.first_seq = options.from_seq;
  counters.blocks = static_cast<uint64_t>(world.spans());
  auto compute = [&](uint64_t k) {
    std::unique_ptr<SpanEvents> s = world.span(static_cast<int64_t>(k));
    ++counters.blocks_done;
    return s;
  };
  FreeList<RenderedEvents> pool;
  using Chunks = std::vector<std::unique_ptr<RenderedEvents>>;

  std::optional<EventSender> sender;
  uint64_t seq = 0;  // of the span's first event
  bool more = true;
  // Each span is simulated while the one before it is sent; a span being simulated when the
  // stream ends is left unfinished.
  make_ahead(0, static_cast<uint64_t>(world.spans()), 1, compute, [&](std::unique_ptr<SpanEvents>& span) {
    if (stop) {
      world.abandon();
      return false;
    }
    if (!sender) {
      out.prepare_seconds = std::chrono::duration<double>(Pacer::Clock::now() - prepare_start).count();
      sender.emplace(options, sink, stop, counters, out);
    }
    const size_t n = span->entries.size();
    // The first event to send: not before --from-seq, nor before --start-at.
    size_t first = static_cast<size_t>(std::min<uint64_t>(options.from_seq > seq ? options.from_seq - seq : 0, n));
    if (options.start_at_ms) {
      const auto at = std::partition_point(span->entries.begin(), span->entries.end(),
                                           [&](const SpanEvents::Entry& e) { return e.key.time_ms < *options.start_at_ms; });
      first = std::max(first, static_cast<size_t>(at - span->entries.begin()));
    }
    // A chunk per worker becomes lines at once, while the chunks before are sent.
    const size_t group = kSpanChunkEvents * static_cast<size_t>(world.workers());
    auto make_lines = [&](size_t a) {
      const size_t end = std::min(n, a + group);
      const size_t chunks = (end - a + kSpanChunkEvents - 1) / kSpanChunkEvents;
      Chunks made(chunks);
      for_parts(chunks, static_cast<uint64_t>(world.workers()), [&](uint64_t p, uint64_t c0, uint64_t c1) {
        for (uint64_t c = c0; c < c1; ++c) {
          const size_t begin = a + c * kSpanChunkEvents;
          made[c] = pool.take();
          world.lines(p).lines(*span, begin, std::min(end, begin + kSpanChunkEvents), seq + begin, *made[c]);
        }
      });
      return made;
    };
    make_ahead(first, n, group, make_lines, [&](Chunks& made) {
      for (auto& c : made) {
        more = more && sender->send(*c);
        pool.give(std::move(c));
      }
      return more;
    });
    seq += n;
    more = more && !stop;
    world.recycle(std::move(span));
    if (!more) world.abandon();
    return more;
  });
  if (more && !stop && seq != out.total_events)
    throw std::logic_error("the span stream made " + std::to_string(seq) + " events where the plan counts " + std::to_string(out.total_events));
  if (!sender) sender.emplace(options, sink, stop, counters, out);
  if (stop && out.end == StreamOutcome::Complete) out.end = StreamOutcome::Interrupted;
  sender->finish();
  return out;
}

}  // namespace fraudgen
