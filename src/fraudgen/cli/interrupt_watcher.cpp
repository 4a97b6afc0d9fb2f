#include "fraudgen/cli/interrupt_watcher.h"

#include <pthread.h>

namespace fraudgen {

InterruptWatcher::InterruptWatcher(std::atomic<bool>& stop) : stop_(stop) {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  sigaddset(&set_, SIGUSR2);  // our own wake-up at shutdown
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  thread_ = std::thread([this] {
    int sig = 0;
    while (sigwait(&set_, &sig) == 0) {
      if (sig == SIGUSR2) return;
      interrupted_ = true;
      stop_ = true;
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR2);
  thread_.join();
  pthread_sigmask(SIG_UNBLOCK, &set_, nullptr);
}

}  // namespace fraudgen
