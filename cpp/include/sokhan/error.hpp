// Exceptions thrown by the sokhan core. The Python bindings map each to a typed Python error.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace sokhan {

/// Base of every error the core throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Text that is not valid UTF-8; `byte_offset` is where the first bad sequence starts.
class InvalidUtf8 : public Error {
 public:
  InvalidUtf8(std::size_t byte_offset, const std::string& what)
      : Error(what), byte_offset_(byte_offset) {}
  std::size_t byte_offset() const noexcept { return byte_offset_; }

 private:
  std::size_t byte_offset_;
};

/// An argument (option name, option value, range) that the callee cannot accept.
/// `argument` names the parameter so the message and the Python error can point at it.
class InvalidArgument : public Error {
 public:
  InvalidArgument(std::string argument, const std::string& what)
      : Error(what), argument_(std::move(argument)) {}
  const std::string& argument() const noexcept { return argument_; }

 private:
  std::string argument_;
};

/// Raised inside batch calls when the caller asked to stop (e.g. Ctrl-C in Python).
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace sokhan
