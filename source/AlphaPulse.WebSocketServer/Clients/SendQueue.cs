using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Clients;

/// <summary>
/// A client's outbound messages in order: any thread enqueues (the hub, the receive loop, timers), one
/// send pump dequeues. A short lock around a ring of references, sized to what is queued: an idle
/// connection holds no array at all, and the array a burst grew is dropped once the pump has emptied it
/// (memory per connection matters at 10,000 clients; a Channel&lt;T&gt; held about 1 KB per client idle).
/// Completion is the writer's last word: nothing is queued after it, and the reader sees it once drained.
/// </summary>
internal sealed class SendQueue
{
    /// <summary>Arrays up to this length stay after draining (a few messages in flight is the common case).</summary>
    private const int RetainedCapacity = 8;

    private OutboundMessage[] _items = [];
    private int _head;
    private int _count;
    private bool _completed;

    /// <summary>False when the queue was completed: the message was not queued.</summary>
    public bool TryEnqueue(OutboundMessage message)
    {
        lock (this)
        {
            if (_completed)
            {
                return false;
            }

            if (_count == _items.Length)
            {
                Grow();
            }

            _items[(_head + _count) % _items.Length] = message;
            _count++;
            return true;
        }
    }

    public bool TryDequeue(out OutboundMessage message)
    {
        lock (this)
        {
            if (_count == 0)
            {
                message = null!;
                return false;
            }

            message = _items[_head];
            _items[_head] = null!;
            _head = (_head + 1) % _items.Length;
            _count--;
            return true;
        }
    }

    /// <summary>Completed and emptied: the reader has seen everything that will ever be queued.</summary>
    public bool IsDrainedAndCompleted
    {
        get
        {
            lock (this)
            {
                return _completed && _count == 0;
            }
        }
    }

    /// <summary>Something to dequeue, or completion to act on.</summary>
    public bool HasWork
    {
        get
        {
            lock (this)
            {
                return _count > 0 || _completed;
            }
        }
    }

    /// <summary>No more messages are accepted; false when it was completed already.</summary>
    public bool Complete()
    {
        lock (this)
        {
            var first = !_completed;
            _completed = true;
            return first;
        }
    }

    /// <summary>Drops a ring a burst grew if it is empty now (called now and then, off the hot path).</summary>
    public void TrimExcess()
    {
        lock (this)
        {
            if (_count == 0 && _items.Length > RetainedCapacity)
            {
                _items = [];
                _head = 0;
            }
        }
    }

    private void Grow()
    {
        var grown = new OutboundMessage[Math.Max(4, _items.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _items[(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
