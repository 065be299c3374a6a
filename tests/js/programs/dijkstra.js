// Dijkstra's shortest paths on a weighted graph with a binary-heap priority queue.
class PriorityQueue {
    #heap = [];
    get size() { return this.#heap.length; }
    push(item, priority) {
        const heap = this.#heap;
        heap.push({ item, priority });
        let i = heap.length - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (heap[parent].priority <= heap[i].priority) break;
            [heap[parent], heap[i]] = [heap[i], heap[parent]];
            i = parent;
        }
    }
    pop() {
        const heap = this.#heap;
        const top = heap[0];
        const last = heap.pop();
        if (heap.length > 0) {
            heap[0] = last;
            let i = 0;
            for (;;) {
                const l = 2 * i + 1, r = l + 1;
                let smallest = i;
                if (l < heap.length && heap[l].priority < heap[smallest].priority) smallest = l;
                if (r < heap.length && heap[r].priority < heap[smallest].priority) smallest = r;
                if (smallest === i) break;
                [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
                i = smallest;
            }
        }
        return top;
    }
}
function dijkstra(graph, source) {
    const dist = new Map([[source, 0]]);
    const previous = new Map();
    const queue = new PriorityQueue();
    queue.push(source, 0);
    while (queue.size) {
        const { item: node, priority } = queue.pop();
        if (priority > dist.get(node)) continue;
        for (const [neighbor, weight] of graph.get(node) ?? []) {
            const candidate = priority + weight;
            if (candidate < (dist.get(neighbor) ?? Infinity)) {
                dist.set(neighbor, candidate);
                previous.set(neighbor, node);
                queue.push(neighbor, candidate);
            }
        }
    }
    return { dist, previous };
}
function path(previous, target) {
    const out = [target];
    while (previous.has(out[0])) out.unshift(previous.get(out[0]));
    return out;
}
const edges = [["A", "B", 7], ["A", "C", 9], ["A", "F", 14], ["B", "C", 10], ["B", "D", 15], ["C", "D", 11], ["C", "F", 2], ["D", "E", 6], ["E", "F", 9]];
const graph = new Map();
for (const [a, b, w] of edges) {
    if (!graph.has(a)) graph.set(a, []);
    if (!graph.has(b)) graph.set(b, []);
    graph.get(a).push([b, w]);
    graph.get(b).push([a, w]);
}
const { dist, previous } = dijkstra(graph, "A");
for (const node of [...dist.keys()].sort()) console.log(`${node}: ${dist.get(node)} via ${path(previous, node).join(" -> ")}`);
// A larger pseudo-random grid graph, deterministic.
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const size = 40;
const grid = new Map();
for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
        const id = y * size + x;
        const out = [];
        if (x + 1 < size) out.push([id + 1, 1 + Math.floor(random() * 9)]);
        if (y + 1 < size) out.push([id + size, 1 + Math.floor(random() * 9)]);
        if (x > 0) out.push([id - 1, 1 + Math.floor(random() * 9)]);
        if (y > 0) out.push([id - size, 1 + Math.floor(random() * 9)]);
        grid.set(id, out);
    }
}
const result = dijkstra(grid, 0);
console.log(result.dist.get(size * size - 1), path(result.previous, size * size - 1).length, result.dist.size);
console.log(dist);
