/**
 * Priority queues of the event-driven simulator. Time only moves from one queued event to the next, so idle
 * hours cost nothing: there is no fixed-step clock anywhere in the planner.
 */

/** A scheduled simulator event. `kind` and the three payload slots keep every event the same shape (fast). */
export interface QueuedEvent {
    readonly time: number;
    readonly seq: number;
    readonly kind: number;
    readonly a: number;
    readonly b: number;
    readonly c: number;
}

/** Binary min-heap of events ordered by time, then by insertion order (so equal times stay first-in first-out). */
export class EventQueue {
    private readonly heap: QueuedEvent[] = [];
    private nextSeq = 0;

    get size(): number {
        return this.heap.length;
    }

    /** Time of the earliest event, or `Infinity` when empty. */
    peekTime(): number {
        return this.heap.length > 0 ? this.heap[0].time : Infinity;
    }

    push(time: number, kind: number, a = 0, b = 0, c = 0): void {
        const event: QueuedEvent = { time, seq: this.nextSeq++, kind, a, b, c };
        const heap = this.heap;
        let i = heap.length;
        heap.push(event);
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (!earlier(event, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = event;
    }

    /** Removes and returns the earliest event. Call only when `size > 0`. */
    pop(): QueuedEvent {
        const heap = this.heap;
        const top = heap[0];
        const last = heap.pop() as QueuedEvent;
        const n = heap.length;
        if (n > 0) {
            let i = 0;
            for (;;) {
                const left = 2 * i + 1;
                if (left >= n) {
                    break;
                }
                const right = left + 1;
                const child = right < n && earlier(heap[right], heap[left]) ? right : left;
                if (!earlier(heap[child], last)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }
}

function earlier(x: QueuedEvent, y: QueuedEvent): boolean {
    return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}

/**
 * Min-heap of plain numbers (request completion times) on a growable Float64Array: the hottest queue of the
 * simulator holds no objects. Its size is the number of requests in flight, not the number of requests.
 */
export class NumberHeap {
    private data = new Float64Array(64);
    private length = 0;

    get size(): number {
        return this.length;
    }

    peek(): number {
        return this.length > 0 ? this.data[0] : Infinity;
    }

    push(value: number): void {
        if (this.length === this.data.length) {
            const grown = new Float64Array(this.data.length * 2);
            grown.set(this.data);
            this.data = grown;
        }
        const data = this.data;
        let i = this.length++;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (data[parent] <= value) {
                break;
            }
            data[i] = data[parent];
            i = parent;
        }
        data[i] = value;
    }

    /** Removes and returns the smallest value. Call only when `size > 0`. */
    pop(): number {
        const data = this.data;
        const top = data[0];
        const last = data[--this.length];
        const n = this.length;
        let i = 0;
        for (;;) {
            const left = 2 * i + 1;
            if (left >= n) {
                break;
            }
            const right = left + 1;
            const child = right < n && data[right] < data[left] ? right : left;
            if (data[child] >= last) {
                break;
            }
            data[i] = data[child];
            i = child;
        }
        if (n > 0) {
            data[i] = last;
        }
        return top;
    }
}

/** First-in first-out queue of numbers on a growable ring buffer (held requests: arrival time, duration). */
export class NumberQueue {
    private data = new Float64Array(64);
    private head = 0;
    private length = 0;

    get size(): number {
        return this.length;
    }

    push(value: number): void {
        if (this.length === this.data.length) {
            const grown = new Float64Array(this.data.length * 2);
            for (let i = 0; i < this.length; i++) {
                grown[i] = this.data[(this.head + i) % this.data.length];
            }
            this.data = grown;
            this.head = 0;
        }
        this.data[(this.head + this.length) % this.data.length] = value;
        this.length++;
    }

    /** The value at position `index` from the front (0 = oldest). */
    at(index: number): number {
        return this.data[(this.head + index) % this.data.length];
    }

    shift(): number {
        const value = this.data[this.head];
        this.head = (this.head + 1) % this.data.length;
        this.length--;
        return value;
    }
}
