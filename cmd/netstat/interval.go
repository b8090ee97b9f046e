package main

import (
	"os"
	"time"
)

// intervalEnv names a test-only environment variable: when it holds a Go
// duration ("0", "1ms", "250us"), -c waits that long between passes instead
// of net-tools' one second, so the long-run tests (test/longrun) can drive
// thousands of passes quickly. It is not a user option: net-tools has no
// such knob, and an unset, unparsable or negative value means one second.
const intervalEnv = "NETSTAT_TEST_INTERVAL"

// passInterval returns the pause between two -c passes.
func passInterval() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(intervalEnv)); err == nil && d >= 0 {
		return d
	}
	return time.Second
}
