"""Redis lock store with atomic ticket updates and no endless waits (type channels.lock_store.AtomicRedisLockStore)."""

from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Callable, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's RedisLockStore, fixed for several replicas sharing one Redis.

    Rasa's version reads, changes and writes the ticket list in separate commands, so two replicas
    can overwrite each other's tickets (RasaHQ/rasa#9213); and a waiter whose own ticket expires
    while the holder is dead (SIGKILLed replica) waits forever, because an empty ticket list is
    saved instead of deleted. Here every change is one WATCH/MULTI transaction, an expired waiting
    ticket is renewed, waiting is bounded (LockError after three lifetimes) and polling is 0.1 s.
    """

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Connect like Rasa's RedisLockStore, from the lock_store section of the endpoints file."""
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    def _transact(self, conversation_id: str, change: Callable[[TicketLock], T]) -> T:
        """Apply change to the conversation's lock atomically; the key is deleted when no ticket is left."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _attempt in range(100):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else TicketLock(conversation_id)
                    result = change(lock)
                    pipe.multi()
                    if lock.tickets:
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"Could not update the lock of conversation '{conversation_id}' (too much contention).")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue a ticket atomically."""
        return self._transact(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets atomically."""
        self._transact(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a ticket atomically."""
        self._transact(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove a ticket; the key goes away with the last ticket (atomically, unlike Rasa's check-then-delete)."""
        self.finish_serving(conversation_id, ticket_number)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 0.1
    ) -> AsyncGenerator[TicketLock, None]:
        """Hold the conversation's lock; renew the waiting ticket if it expires; LockError after 3 lifetimes."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        deadline = time.monotonic() + 3 * lock_lifetime

        def step(lock: TicketLock) -> Tuple[int, bool]:
            """Drop expired tickets, renew ours if it expired, and say whether it is being served."""
            lock.remove_expired_tickets()
            mine = ticket if lock._ticket_for_ticket_number(ticket) else lock.issue_ticket(lock_lifetime)
            return mine, lock.now_serving == mine

        try:
            while True:
                ticket, serving = self._transact(conversation_id, step)
                if serving:
                    break
                if time.monotonic() > deadline:
                    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
                await asyncio.sleep(wait_time_in_seconds)
            yield self.get_lock(conversation_id) or TicketLock(conversation_id)
        finally:
            self.cleanup(conversation_id, ticket)
