package filter

import (
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// TestMain moves the tests into a network namespace of their own.
func TestMain(m *testing.M) { nstest.Main(m) }
