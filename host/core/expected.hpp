#pragma once
// Errors as values for expected failures (std::expected arrives with C++23).
#include <string>
#include <utility>
#include <variant>

namespace gump {

struct Error {
    std::string message;
    int code = 0; // the producer's own code when callers must tell failures apart (e.g. a plugin's
                  // gump_status)
};

template <class T> class Expected {
public:
    Expected(T value) : m_state(std::move(value)) {}
    Expected(Error error) : m_state(std::move(error)) {}

    bool has_value() const { return m_state.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() { return std::get<0>(m_state); }
    const T& value() const { return std::get<0>(m_state); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class Expected<void> {
public:
    Expected() = default;
    Expected(Error error) : m_error(std::move(error)), m_ok(false) {}
    bool has_value() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace gump
