"""The pace on a fake clock: even slots, catching up a little after a slow answer, never a long burst."""

from __future__ import annotations

import pytest

from radarr_pipeline.metadata.pacing import CATCH_UP_SECONDS, Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sent: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def send(pacer: Pacer, clock: Clock, count: int, work: float = 0.0) -> None:
    for _ in range(count):
        pacer.wait()
        clock.sent.append(clock.now)
        clock.now += work


def test_slots_are_even_at_the_rate() -> None:
    clock = Clock()
    send(Pacer(10, clock=clock, sleep=clock.sleep), clock, 11)
    assert clock.sent[-1] - clock.sent[0] == pytest.approx(1.0)


def test_a_slow_answer_is_caught_up_but_a_long_stall_is_not_a_burst() -> None:
    clock = Clock()
    pacer = Pacer(10, clock=clock, sleep=clock.sleep)
    send(pacer, clock, 1)
    clock.now += 0.15  # one slow answer: the next slot was 0.05 s ago
    send(pacer, clock, 10)
    assert clock.sent[-1] - clock.sent[0] == pytest.approx(1.0)  # the average rate is kept
    clock.now += 5  # a long stall: only CATCH_UP_SECONDS worth is sent back to back
    before = len(clock.sent)
    send(pacer, clock, 10)
    burst = [t for t in clock.sent[before:] if t == pytest.approx(clock.sent[before])]
    assert len(burst) == round(CATCH_UP_SECONDS * 10) + 1


def test_a_pause_holds_every_request() -> None:
    clock = Clock()
    pacer = Pacer(100, clock=clock, sleep=clock.sleep)
    send(pacer, clock, 1)
    pacer.pause(2.0)
    send(pacer, clock, 1)
    assert clock.sent[1] - clock.sent[0] == pytest.approx(2.0)
