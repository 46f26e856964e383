/**
 * Extensions of formats that are binary by definition, so a file is known binary from its name alone
 * (a file over the size limit is never opened). Lower case, without the dot.
 */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  // images
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'tif', 'tiff', 'psd', 'xcf', 'heic', 'avif', 'cur',
  // documents
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'epub',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'aar', 'apk', 'ipa',
  'deb', 'rpm', 'dmg', 'iso', 'msi', 'nupkg', 'whl', 'egg', 'gem', 'crx', 'vsix', 'lockb',
  // compiled code and libraries
  'class', 'o', 'a', 'lib', 'so', 'dylib', 'dll', 'exe', 'pdb', 'pyc', 'pyo', 'pyd', 'wasm',
  'beam', 'elc', 'node', 'dex', 'ko',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  // audio and video
  'mp3', 'mp4', 'm4a', 'm4v', 'wav', 'ogg', 'oga', 'flac', 'aac', 'mov', 'avi', 'mkv', 'webm', 'wmv', 'flv',
  // data stores, models and serialised data
  'sqlite', 'sqlite3', 'db', 'mdb', 'parquet', 'feather', 'npy', 'npz', 'pkl', 'pickle', 'h5', 'hdf5',
  'onnx', 'pt', 'pth', 'ckpt', 'safetensors', 'tflite', 'pb', 'bin',
  // keys and certificates in binary form
  'der', 'p12', 'pfx', 'jks', 'keystore',
]);
