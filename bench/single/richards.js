// Richards-style operating-system simulation: a priority scheduler switching between an idle
// task, a worker, two packet handlers and two devices that pass packets to each other.
// Exercises: method calls on class instances, property loads/stores, linked lists, small ints.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

const ID_IDLE = 0, ID_WORKER = 1, ID_HANDLER_A = 2, ID_HANDLER_B = 3, ID_DEVICE_A = 4, ID_DEVICE_B = 5;
const KIND_DEVICE = 0, KIND_WORK = 1;

class Packet {
  constructor(next, owner, kind) {
    this.next = next;
    this.owner = owner;
    this.kind = kind;
    this.value = 0;
    this.payload = [0, 0, 0, 0];
  }
}

function appendTo(packet, queue) {
  packet.next = null;
  if (queue === null) return packet;
  let tail = queue;
  while (tail.next !== null) tail = tail.next;
  tail.next = packet;
  return queue;
}

class Task {
  constructor(os, id, priority, queue) {
    this.os = os;
    this.id = id;
    this.priority = priority;
    this.queue = queue;
    this.held = false;
    this.waiting = queue !== null;
    this.nextTask = null;
  }
  blocked() {
    return this.held || (this.waiting && this.queue === null);
  }
  enqueue(packet, current) {
    if (this.queue === null) {
      this.queue = packet;
      packet.next = null;
      return this.priority > current.priority ? this : current;
    }
    this.queue = appendTo(packet, this.queue);
    return current;
  }
}

class IdleTask extends Task {
  constructor(os, id, priority, rounds) {
    super(os, id, priority, null);
    this.seed = 1;
    this.rounds = rounds;
  }
  step(packet) {
    if (--this.rounds === 0) return this.os.holdSelf();
    if ((this.seed & 1) === 0) {
      this.seed = this.seed >> 1;
      return this.os.wake(ID_DEVICE_A);
    }
    this.seed = (this.seed >> 1) ^ 0xd008;
    return this.os.wake(ID_DEVICE_B);
  }
}

class WorkerTask extends Task {
  constructor(os, id, priority, queue) {
    super(os, id, priority, queue);
    this.target = ID_HANDLER_A;
    this.letter = 0;
  }
  step(packet) {
    if (packet === null) return this.os.sleep();
    this.target = this.target === ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
    packet.owner = this.target;
    packet.value = 0;
    const p = packet.payload;
    for (let i = 0; i < 4; i++) {
      if (++this.letter > 26) this.letter = 1;
      p[i] = this.letter;
    }
    return this.os.send(packet);
  }
}

class HandlerTask extends Task {
  constructor(os, id, priority, queue) {
    super(os, id, priority, queue);
    this.jobs = null;
    this.devices = null;
  }
  step(packet) {
    if (packet !== null) {
      if (packet.kind === KIND_WORK) this.jobs = appendTo(packet, this.jobs);
      else this.devices = appendTo(packet, this.devices);
    }
    const job = this.jobs;
    if (job !== null) {
      const at = job.value;
      if (at >= 4) {
        this.jobs = job.next;
        return this.os.send(job);
      }
      const dev = this.devices;
      if (dev !== null) {
        this.devices = dev.next;
        dev.value = job.payload[at];
        job.value = at + 1;
        return this.os.send(dev);
      }
    }
    return this.os.sleep();
  }
}

class DeviceTask extends Task {
  constructor(os, id, priority) {
    super(os, id, priority, null);
    this.waiting = true;
    this.pending = null;
  }
  step(packet) {
    if (packet === null) {
      const p = this.pending;
      if (p === null) return this.os.sleep();
      this.pending = null;
      return this.os.send(p);
    }
    this.pending = packet;
    this.os.output = (this.os.output * 31 + packet.value * (this.id + 1)) % 1000003;
    return this.os.holdSelf();
  }
}

class System {
  constructor() {
    this.tasks = [null, null, null, null, null, null];
    this.head = null;
    this.current = null;
    this.sends = 0;
    this.holds = 0;
    this.output = 0;
  }
  add(task) {
    this.tasks[task.id] = task;
    task.nextTask = this.head;
    this.head = task;
  }
  run() {
    let t = this.head;
    while (t !== null) {
      if (t.blocked()) {
        t = t.nextTask;
        continue;
      }
      let packet = null;
      if (t.waiting) {
        packet = t.queue;
        t.queue = packet.next;
        t.waiting = false;
      }
      this.current = t;
      t = t.step(packet);
    }
  }
  holdSelf() {
    this.holds++;
    this.current.held = true;
    return this.current.nextTask;
  }
  wake(id) {
    const t = this.tasks[id];
    t.held = false;
    return t.priority > this.current.priority ? t : this.current;
  }
  sleep() {
    this.current.waiting = true;
    return this.current;
  }
  send(packet) {
    const target = this.tasks[packet.owner];
    this.sends++;
    packet.owner = this.current.id;
    return target.enqueue(packet, this.current);
  }
}

function simulate(rounds) {
  const os = new System();
  os.add(new IdleTask(os, ID_IDLE, 0, rounds));
  let q = new Packet(null, ID_WORKER, KIND_WORK);
  q = new Packet(q, ID_WORKER, KIND_WORK);
  os.add(new WorkerTask(os, ID_WORKER, 1000, q));
  q = new Packet(null, ID_DEVICE_A, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_A, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_A, KIND_DEVICE);
  os.add(new HandlerTask(os, ID_HANDLER_A, 2000, q));
  q = new Packet(null, ID_DEVICE_B, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_B, KIND_DEVICE);
  q = new Packet(q, ID_DEVICE_B, KIND_DEVICE);
  os.add(new HandlerTask(os, ID_HANDLER_B, 3000, q));
  os.add(new DeviceTask(os, ID_DEVICE_A, 4000));
  os.add(new DeviceTask(os, ID_DEVICE_B, 5000));
  os.run();
  return os;
}

const repeats = Math.max(1, Math.round(80 * SCALE));
let checksum = 0;
for (let r = 0; r < repeats; r++) {
  const os = simulate(10000 + (r % 7));
  checksum = (checksum * 7 + os.sends * 3 + os.holds + os.output) % 1000000007;
}
const probe = simulate(10000);
if (probe.sends !== 23246 || probe.holds !== 9297) throw new Error(`richards: unexpected counts ${probe.sends} ${probe.holds}`);
emit(`checksum: ${checksum}`);
