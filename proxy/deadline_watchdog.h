// Hard deadlines for blocking upstream calls. cpp-httplib's timeouts bound each socket read, so a
// server that drips one byte per second would hold a call forever; the watchdog runs a call's
// `on_expiry` (which stops the client) once its deadline passes, whatever the socket is doing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace bank::proxy {

class DeadlineWatchdog {
public:
    using Deadline = std::chrono::steady_clock::time_point;

    DeadlineWatchdog();
    ~DeadlineWatchdog();
    DeadlineWatchdog(const DeadlineWatchdog&) = delete;
    DeadlineWatchdog& operator=(const DeadlineWatchdog&) = delete;

    // Runs `on_expiry` on the watchdog's thread at `deadline` unless disarmed first.
    std::uint64_t arm(Deadline deadline, std::function<void()> on_expiry);
    // After this returns, `on_expiry` of `ticket` is not running and will not run.
    void disarm(std::uint64_t ticket);

private:
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    using Pending = std::multimap<Deadline, std::pair<std::uint64_t, std::function<void()>>>;
    Pending pending_;
    std::unordered_map<std::uint64_t, Pending::iterator> by_ticket_;
    std::uint64_t next_ticket_ = 1;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bank::proxy
