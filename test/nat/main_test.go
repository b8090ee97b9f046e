package nat

import (
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

func TestMain(m *testing.M) { nstest.Main(m) }
