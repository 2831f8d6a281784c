#include "runners/cog/cog_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

extern char** environ;

namespace replicant::backend::runners::cog {

namespace {
constexpr std::size_t kKeptOutput = 64 * 1024;

std::string describe(int status) {
    if (WIFEXITED(status))
        return "exit " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "signal " + std::to_string(WTERMSIG(status));
    return "status " + std::to_string(status);
}
}  // namespace

Result<std::unique_ptr<CogProcess>> CogProcess::spawn(
    const std::string& command, const std::vector<std::string>& args,
    const std::vector<std::pair<std::string, std::string>>& env) {
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0)
        return makeError(ErrorCode::Internal, std::string("pipe: ") + std::strerror(errno));

    // The environment: ours, with the given variables replacing any of the same name.
    std::map<std::string, std::string> vars;
    for (char** e = environ; e && *e; ++e) {
        std::string_view kv(*e);
        const auto eq = kv.find('=');
        if (eq != std::string_view::npos)
            vars[std::string(kv.substr(0, eq))] = std::string(kv.substr(eq + 1));
    }
    for (const auto& [k, v] : env)
        vars[k] = v;
    std::vector<std::string> envStrings;
    for (const auto& [k, v] : vars)
        envStrings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    std::vector<std::string> argStrings = {"/bin/sh", "-c", command + " \"$@\"", "sh"};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argStrings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group (stopped as a whole), and the default signal handling: the
    // server blocks SIGINT and SIGTERM in its threads, and children would inherit that.
    posix_spawnattr_setflags(
        &attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none, defaults;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigdefault(&attr, &defaults);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(pipeFds[1]);
    if (rc != 0) {
        close(pipeFds[0]);
        return makeError(ErrorCode::Internal,
                         "cannot start \"" + command + "\": " + std::strerror(rc));
    }
    std::unique_ptr<CogProcess> p(new CogProcess());
    p->pid_ = pid;
    p->reader_ = std::thread([raw = p.get(), fd = pipeFds[0]] { raw->readOutput(fd); });
    return p;
}

void CogProcess::readOutput(int fd) {
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            readerDone_ = true;
            break;
        }
        std::lock_guard lock(mutex_);
        output_.append(buffer, static_cast<std::size_t>(n));
        if (output_.size() > 2 * kKeptOutput)
            output_.erase(0, output_.size() - kKeptOutput);
    }
    close(fd);
}

std::optional<std::string> CogProcess::exited() {
    std::lock_guard lock(mutex_);
    if (exitStatus_ || pid_ <= 0)
        return exitStatus_;
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_)
        exitStatus_ = describe(status);
    return exitStatus_;
}

void CogProcess::stop(std::chrono::milliseconds grace) {
    if (!exited()) {
        kill(-pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + grace;
        while (!exited() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!exited()) {
            kill(-pid_, SIGKILL);
            int status = 0;
            if (waitpid(pid_, &status, 0) == pid_) {
                std::lock_guard lock(mutex_);
                exitStatus_ = describe(status);
            }
        }
    }
    // Children of the shell that outlived it keep the pipe open: end them too (the group still
    // exists only while some of them do).
    if (!readerDone_)
        kill(-pid_, SIGKILL);
    if (reader_.joinable())
        reader_.join();
}

CogProcess::~CogProcess() {
    stop();
}

std::string CogProcess::output() const {
    std::lock_guard lock(mutex_);
    return output_.size() > kKeptOutput ? output_.substr(output_.size() - kKeptOutput) : output_;
}

Result<std::uint16_t> freeLocalPort() {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return makeError(ErrorCode::Internal, std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const std::string why = std::strerror(errno);
        close(fd);
        return makeError(ErrorCode::Internal, "cannot find a free port: " + why);
    }
    close(fd);
    return static_cast<std::uint16_t>(ntohs(addr.sin_port));
}

}  // namespace replicant::backend::runners::cog
