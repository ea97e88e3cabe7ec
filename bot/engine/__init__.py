"""The interview engine: platform-free sessions, rounds, timers and commands."""
