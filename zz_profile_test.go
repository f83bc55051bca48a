package main

import (
	"testing"
	"time"
)

func TestZZProfileStorm(t *testing.T) {
	h := startDashboard(t, "--activity", "storm", "--seed", "9")
	h.openFirstLadder()
	time.Sleep(20 * time.Second)
}
