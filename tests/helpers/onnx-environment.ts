import NodeEnvironment from 'jest-environment-node';

/**
 * Jest runs each test file in its own realm, so a Float32Array made by test code is not an
 * `instanceof Float32Array` for onnxruntime-common, which lives in the outer realm ("A float32
 * tensor's data must be type of function Float32Array()"). Sharing the outer typed-array
 * constructors makes both sides agree. Use with `@jest-environment ./tests/helpers/onnx-environment.ts`.
 */
export default class OnnxEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const shared = {
      ArrayBuffer,
      Float32Array,
      Float64Array,
      Int8Array,
      Uint8Array,
      Uint8ClampedArray,
      Int16Array,
      Uint16Array,
      Int32Array,
      Uint32Array,
      BigInt64Array,
      BigUint64Array,
    };
    Object.assign(this.global, shared);
  }
}
