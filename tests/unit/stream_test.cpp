#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <filesystem>
#include <string>
#include <vector>

#include "fraudgen/run/plan.h"
#include "fraudgen/stream/customer_day_events.h"
#include "fraudgen/stream/event_line.h"
#include "fraudgen/stream/event_spill.h"
#include "fraudgen/stream/pacer.h"
#include "fraudgen/stream/sorted_window.h"
#include "fraudgen/stream/span_stream.h"
#include "fraudgen/stream/stream_runner.h"
#include "fraudgen/stream/unbounded_stream.h"
#include "fraudgen/stream/world_events.h"
#include "fraudgen/stream/webhook_signature.h"
#include "fraudgen/stream/webhook_sink.h"
#include "capturing_sink.h"
#include "shared_reference.h"

using namespace fraudgen;
namespace fs = std::filesystem;

namespace {

using fraudgen::test_support::ref;

using fraudgen::test_support::CapturingSink;

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

struct World {
  RunConfig cfg;
  SimContext ctx;
  Plan plan;
  explicit World(int workers, int64_t days = 60)
      : cfg([&] {
          RunConfig c;
          c.sim = {11, 20089, 20089 + days - 1, true, 0.05};  // enough fraud for labels
          c.format = Format::Jsonl;
          c.compression = Compression::None;
          c.customers = 40;
          c.workers = workers;
          return c;
        }()),
        ctx(ref(), cfg.sim),
        plan(make_plan(ctx, cfg)) {}
};

StreamOutcome stream(const World& w, StreamOptions options, CapturingSink& sink) {
  std::atomic<bool> stop{false};
  StreamCounters counters;
  options.spill_dir = fs::temp_directory_path();
  return run_stream(w.ctx, w.plan, options, sink, stop, counters);
}

// The world's bounded stream at --rate max, and the first instant after its last day.
struct BoundedStream {
  CapturingSink events;
  int64_t end_ms;
};
BoundedStream bounded_stream(const World& w) {
  BoundedStream b{{}, day_start_ms(w.cfg.sim.end_day + 1)};
  StreamOptions options;
  options.pace = {Pace::Max, 0};
  stream(w, options, b.events);
  return b;
}

}  // namespace

TEST(SortedWindow, OrdersByTimeThenTableThenCustomerThenSubAndRefusesCutRecords) {
  const fs::path dir = temp_dir("fraudgen-spill-test");
  std::string bytes;
  {
    EventSpill spill(dir, 1000, 100);
    EventSpill::Writer w(spill);
    w.add({1050, 2, 1, 0}, "c");  // window 0
    w.add({1050, 0, 3, 7}, "a");
    w.add({1010, 3, 0, 0}, "first");
    w.add({1050, 2, 0, 9}, "b");
    w.add({1250, 1, 0, 0}, "late");  // window 2
    w.flush();
    EXPECT_EQ(spill.windows(), 3u);
    EXPECT_EQ(spill.events_in(0), 4u);
    EXPECT_EQ(spill.events_in(1), 0u);
    EXPECT_EQ(spill.events(), 5u);
    EXPECT_EQ(spill.read(1), "");
    bytes = spill.read(0);
    const SortedWindow sorted = sort_window(bytes);
    std::vector<std::string> order;
    for (const auto& e : sorted.entries) order.emplace_back(sorted.payload(e));
    EXPECT_EQ(order, (std::vector<std::string>{"first", "a", "b", "c"}));
    EXPECT_EQ(std::string(sort_window(spill.read(2)).payload(sort_window(spill.read(2)).entries[0])), "late");
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "one private folder";
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0) << "removed with the spill";
  EXPECT_THROW(sort_window(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  EXPECT_THROW(sort_window(bytes.substr(0, 10)), std::runtime_error);
  fs::remove_all(dir);
}

TEST(Pacer, AbsoluteScheduleByRateAndBySimulatedTime) {
  Pacer rate({Pace::Rate, 4});
  const auto t0 = rate.due(0, 123);
  EXPECT_EQ(rate.due(1, 0) - t0, std::chrono::milliseconds(250));
  EXPECT_EQ(rate.due(10, 0) - t0, std::chrono::milliseconds(2500)) << "due times do not depend on when they are asked";
  Pacer speed({Pace::Speed, 60});  // a simulated minute per second
  const auto s0 = speed.due(0, 1'000'000);
  EXPECT_EQ(speed.due(1, 1'000'000 + 120'000) - s0, std::chrono::seconds(2));
  // A simulated origin and the wall instant it stands for: at speed 1 an event leaves at its own time.
  const auto wall = Pacer::Clock::now();
  Pacer live({Pace::Speed, 1}, 1'000, wall);
  EXPECT_EQ(live.due(0, 3'500) - wall, std::chrono::milliseconds(2'500)) << "the first event waits its own time";
  EXPECT_EQ(live.due(1, 4'000) - wall, std::chrono::milliseconds(3'000));
  Pacer max({Pace::Max, 0});
  EXPECT_FALSE(max.paced());
  EXPECT_EQ(max.due(5, 99), max.due(0, 0));
}

TEST(EventLine, EnvelopeAroundTheRowAsWritten) {
  std::string line;
  const StreamEvent e{42, {1'700'000'000'123, static_cast<uint8_t>(Table::FraudLabels), 0, 0}, R"({"transaction_id":"T"})"};
  append_event_line(e, line);
  EXPECT_EQ(line, R"({"seq":42,"type":"fraud_labels","event_time":"2023-11-14T19:13:20.123-03:00","data":{"transaction_id":"T"}})" "\n");
}

TEST(Stream, SameLinesForAnyWorkersAndResumesAtAnySeq) {
  World one(1), two(2);
  CapturingSink a, b;
  StreamOptions options;
  options.pace = {Pace::Max, 0};
  const StreamOutcome ra = stream(one, options, a);
  options.workers = 2;
  const StreamOutcome rb = stream(two, options, b);
  ASSERT_GT(ra.sent, 1000u);
  EXPECT_EQ(ra.end, StreamOutcome::Complete);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(ra.sha256, rb.sha256);
  EXPECT_EQ(ra.sent, ra.total_events);
  uint64_t rows = 0;
  for (size_t t = 0; t < kTableCount; ++t) {
    EXPECT_EQ(ra.sent_by_table[t], one.plan.rows[t]) << schema_of(static_cast<Table>(t)).name;
    rows += one.plan.rows[t];
  }
  EXPECT_EQ(ra.sent, rows);

  CapturingSink tail;
  options.from_seq = ra.sent - 300;
  options.max_events = 200;
  const StreamOutcome rt = stream(two, options, tail);
  EXPECT_EQ(rt.end, StreamOutcome::MaxEvents);
  ASSERT_EQ(tail.seqs.size(), 200u);
  EXPECT_EQ(tail.seqs.front(), ra.sent - 300);
  size_t at = 0;
  for (uint64_t i = 0; i < ra.sent - 300; ++i) at = a.text.find('\n', at) + 1;
  EXPECT_EQ(a.text.compare(at, tail.text.size(), tail.text), 0) << "the resumed lines are the whole stream's";
}

// A bounded stream held in memory a span of days at a time sends the lines of one that spills
// the whole world first, whatever the span: the spans re-simulate the days before them, keep
// each customer's first transaction, and hold devices and labels due after their span.
TEST(Stream, HeldInSpansOrSpilledTheSameLinesAndTheSameResumption) {
  World w(2, 120);
  StreamOptions options;
  options.pace = {Pace::Max, 0};
  options.memory_bytes = 0;  // no span fits: the spill
  EXPECT_EQ(stream_span_days(w.plan, w.cfg.sim.days(), options.memory_bytes), 0);
  CapturingSink spilled;
  const StreamOutcome rs = stream(w, options, spilled);
  ASSERT_GT(rs.sent, 10000u);
  EXPECT_EQ(rs.method, std::to_string(w.plan.blocks) + " blocks into the spill");
  EXPECT_GT(stream_span_days(w.plan, w.cfg.sim.days(), kDefaultStreamMemory), 0) << "40 customers fit the default memory";

  auto in_spans = [&](int64_t span_days, int workers, StreamOptions o, CapturingSink& sink) {
    std::atomic<bool> stop{false};
    StreamCounters counters;
    o.workers = workers;
    return run_span_stream(w.ctx, w.plan, span_days, o, sink, stop, counters);
  };
  for (int64_t span_days : {1, 9, 92}) {
    CapturingSink held;
    const StreamOutcome r = in_spans(span_days, span_days == 9 ? 1 : 2, options, held);
    EXPECT_EQ(r.sent, rs.sent) << span_days;
    EXPECT_EQ(r.total_events, rs.total_events);
    EXPECT_EQ(r.sha256, rs.sha256) << "spans of " << span_days << " days";
    EXPECT_TRUE(held.text == spilled.text) << "spans of " << span_days << " days";
    EXPECT_EQ(r.sent_by_table, rs.sent_by_table);
  }

  // Resuming, held in spans and spilled: at a seq in the middle of a span (and of a spill
  // window), and at an instant.
  auto spilling = [&](StreamOptions o, CapturingSink& sink) {
    o.workers = 2;
    return stream(w, o, sink);
  };
  size_t at = 0;
  const uint64_t from = rs.sent / 2 + 7;
  for (uint64_t i = 0; i < from; ++i) at = spilled.text.find('\n', at) + 1;
  const int64_t instant = day_start_ms(w.cfg.sim.start_day + 100) + 12 * 3'600'000;
  const auto first_after = static_cast<uint64_t>(std::partition_point(spilled.keys.begin(), spilled.keys.end(),
                                                                      [&](const EventKey& k) { return k.time_ms < instant; }) -
                                                 spilled.keys.begin());
  for (bool held : {true, false}) {
    SCOPED_TRACE(held ? "held in spans" : "spilled");
    CapturingSink tail;
    StreamOptions resumed = options;
    resumed.from_seq = from;
    const StreamOutcome rt = held ? in_spans(9, 2, resumed, tail) : spilling(resumed, tail);
    EXPECT_EQ(rt.first_seq, from);
    EXPECT_TRUE(tail.text == spilled.text.substr(at)) << "the resumed lines are the whole stream's";

    CapturingSink later;
    StreamOptions from_instant = options;
    from_instant.start_at_ms = instant;
    from_instant.max_events = 500;
    const StreamOutcome rl = held ? in_spans(9, 2, from_instant, later) : spilling(from_instant, later);
    EXPECT_EQ(rl.end, StreamOutcome::MaxEvents);
    ASSERT_EQ(later.seqs.size(), 500u);
    EXPECT_EQ(later.seqs.front(), first_after);
    EXPECT_EQ(later.payloads.front(), spilled.payloads[first_after]);
    EXPECT_EQ(later.payloads.back(), spilled.payloads[first_after + 499]);
  }
}

// An unbounded stream computes each customer's day alone: its keys (the cheap half) are the
// rendered events' keys, and together the days give the bounded stream's events, row for row.
TEST(CustomerDayEvents, EachDayAloneGivesTheBoundedStreamsEventsAndKeysMatchTheRows) {
  World w(2);
  const BoundedStream b = bounded_stream(w);
  const CapturingSink& bounded = b.events;
  std::vector<std::pair<EventKey, std::string>> want;
  for (size_t i = 0; i < bounded.keys.size(); ++i)
    if (bounded.keys[i].time_ms < b.end_ms) want.emplace_back(bounded.keys[i], bounded.payloads[i]);

  CustomerDayEvents days(w.ctx);
  std::vector<std::pair<EventKey, std::string>> got;
  std::vector<CustomerDayEvents::Event> rendered;
  std::vector<EventKey> keys;
  std::array<uint64_t, kTableCount> by_table{};
  for (uint64_t c = 0; c < *w.cfg.customers; ++c)
    for (int64_t day = w.cfg.sim.start_day; day <= w.cfg.sim.end_day; ++day) {
      rendered.clear();
      keys.clear();
      days.render(c, day, rendered);
      days.keys(c, day, keys);
      std::sort(keys.begin(), keys.end());
      ASSERT_EQ(keys.size(), rendered.size()) << "customer " << c << " day " << day;
      for (size_t k = 0; k < keys.size(); ++k) {
        EXPECT_TRUE(keys[k] == rendered[k].key);
        got.emplace_back(rendered[k].key, rendered[k].payload);
        ++by_table[rendered[k].key.table];
      }
    }
  std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_TRUE(got[i].first == want[i].first) << "event " << i;
    ASSERT_EQ(got[i].second, want[i].second) << "event " << i;
  }
  for (size_t t = 0; t < kBankTableCount; ++t) EXPECT_GT(by_table[t], 0u) << schema_of(static_cast<Table>(t)).name;
}

// The unbounded runner on several threads (keying the next slab, rendering chunks) sends the
// same lines as on one, and they begin with the bounded stream's.
TEST(UnboundedStream, SameLinesForAnyWorkersAndTheBoundedStreamsBeginning) {
  World w(1);
  const BoundedStream b = bounded_stream(w);
  const CapturingSink& bounded = b.events;
  SimConfig endless = w.cfg.sim;
  endless.end_day = endless.start_day + 3650;
  const SimContext ctx(ref(), endless);
  const uint64_t in_range =
      static_cast<uint64_t>(std::count_if(bounded.keys.begin(), bounded.keys.end(), [&](const EventKey& k) { return k.time_ms < b.end_ms; }));
  std::string texts[2];
  for (int workers : {1, 2}) {
    CapturingSink sink;
    StreamOptions o;
    o.pace = {Pace::Max, 0};
    o.workers = workers;
    o.max_events = in_range + 100;
    std::atomic<bool> stop{false};
    StreamCounters counters;
    const StreamOutcome r = run_unbounded_stream(ctx, *w.cfg.customers, nullptr, o, sink, stop, counters);
    EXPECT_EQ(r.end, StreamOutcome::MaxEvents);
    ASSERT_EQ(sink.seqs.size(), in_range + 100);
    texts[workers - 1] = sink.text;
  }
  EXPECT_EQ(texts[0], texts[1]);
  size_t at = 0;
  for (uint64_t i = 0; i < in_range; ++i) at = bounded.text.find('\n', at) + 1;
  EXPECT_EQ(texts[0].compare(0, at, bounded.text, 0, at), 0) << "the unbounded stream begins with the bounded one";
}

TEST(Stream, AClosedReaderStopsTheStream) {
  World w(2);
  CapturingSink sink;
  sink.close_after = 10;
  StreamOptions options;
  options.pace = {Pace::Max, 0};
  const StreamOutcome r = stream(w, options, sink);
  EXPECT_EQ(r.end, StreamOutcome::ReaderClosed);
  EXPECT_EQ(r.sent, 10u);
}

TEST(WebhookSignature, MatchesTheStandardWebhooksExample) {
  // The example of the Standard Webhooks libraries (secret, id, timestamp, body, signature).
  const std::string key = decode_webhook_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  EXPECT_EQ(key.size(), 24u);
  EXPECT_EQ(webhook_signature(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_THROW(decode_webhook_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), std::invalid_argument);
  EXPECT_THROW(decode_webhook_secret("whsec_abc"), std::invalid_argument);
  EXPECT_THROW(decode_webhook_secret("whsec_AAAA"), std::invalid_argument) << "3 bytes is too short a key";
}

TEST(WebhookUrl, HttpOrHttpsWithAHostAndNoCredentials) {
  EXPECT_EQ(check_webhook_url("https://hooks.example.com/fraud?x=1"), "https://hooks.example.com/fraud?x=1");
  EXPECT_EQ(check_webhook_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
  for (const char* bad : {"", "hooks.example.com/x", "ftp://h/x", "http://", "http://:80/", "http://u:p@h/", "http://h/a b"})
    EXPECT_THROW(check_webhook_url(bad), std::invalid_argument) << bad;
}

namespace {

// A loopback HTTP/1.1 server: answers each request with the next status of `script` (then 200),
// keeps connections alive, and records each request's webhook-id and body lines.
class LoopbackReceiver {
 public:
  explicit LoopbackReceiver(std::vector<int> script) : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~LoopbackReceiver() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    acceptor_.join();
    for (auto& t : connections_) t.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<std::pair<std::string, std::string>> requests() {  // (webhook-id, body)
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void accept_loop() {
    for (;;) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      connections_.emplace_back([this, c] { serve(c); });
    }
  }
  void serve(int c) {
    std::string in;
    char buf[65536];
    for (;;) {
      size_t head_end;
      while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) return (void)::close(c);
        in.append(buf, static_cast<size_t>(n));
      }
      const std::string head = in.substr(0, head_end);
      auto header = [&](const std::string& name) {
        const size_t at = head.find("\r\n" + name + ": ");
        return at == std::string::npos ? std::string() : head.substr(at + name.size() + 4, head.find("\r\n", at + 2) - at - name.size() - 4);
      };
      const size_t length = std::stoul(header("Content-Length").empty() ? "0" : header("Content-Length"));
      while (in.size() < head_end + 4 + length) {
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0) return (void)::close(c);
        in.append(buf, static_cast<size_t>(n));
      }
      int status = 200;
      {
        std::lock_guard lock(mu_);
        if (served_ < script_.size()) status = script_[served_];
        ++served_;
        if (status == 200) requests_.emplace_back(header("webhook-id"), in.substr(head_end + 4, length));
      }
      in.erase(0, head_end + 4 + length);
      const std::string reply = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 0\r\n" +
                                (status == 503 ? "Retry-After: 0\r\n" : "") + "\r\n";
      if (::write(c, reply.data(), reply.size()) < 0) return (void)::close(c);
    }
  }
  std::vector<int> script_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::thread acceptor_;
  std::vector<std::thread> connections_;
  std::mutex mu_;
  size_t served_ = 0;
  std::vector<std::pair<std::string, std::string>> requests_;
};

}  // namespace

TEST(WebhookSink, BatchesOnSeveralConnectionsRetriesAndDeliversEachEventOnce) {
  LoopbackReceiver rx({503, 500, 200, 503});
  WebhookSettings s;
  s.url = rx.url();
  s.batch_events = 100;
  s.connections = 3;
  s.run_tag = "test";
  WebhookSink sink(s);
  sink.connect(2000);
  std::string line;
  for (uint64_t seq = 0; seq < 2000; ++seq) {
    line = "{\"seq\":" + std::to_string(seq) + "}\n";
    sink.send({seq, {static_cast<int64_t>(seq), 2, 0, 0}, "{}"}, line);
  }
  sink.finish();
  EXPECT_EQ(sink.delivered(), 2000u);
  EXPECT_EQ(sink.undelivered(), 0u);
  EXPECT_EQ(sink.retries(), 3u);
  std::set<std::string> ids;
  std::vector<int> seen(2000, 0);
  for (const auto& [id, body] : rx.requests()) {
    EXPECT_TRUE(ids.insert(id).second) << "batch " << id << " delivered twice";
    size_t lines = 0;
    for (size_t at = 0; (at = body.find("{\"seq\":", at)) != std::string::npos; ++at, ++lines) ++seen[std::stoul(body.substr(at + 7))];
    EXPECT_LE(lines, 100u);
  }
  EXPECT_EQ(ids.size(), 20u);
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; })) << "every event exactly once";
}
