package check

import (
	"os"
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// envScenario selects, in a re-executed test binary, the condition to
// build instead of running the tests.
const envScenario = "GNST_CHECK_SCENARIO"

func TestMain(m *testing.M) {
	if name := os.Getenv(envScenario); name != "" {
		os.Exit(runScenario(name))
	}
	nstest.Main(m)
}
