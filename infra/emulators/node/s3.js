// s3rver (MIT) on a loopback port with the buckets it is given, for the local stack and tests.
// s3rver knows one access key (S3RVER) and does not verify SigV4 signatures; the functions sign
// with their own keys (their logical ids), so any key is taken as that one account here.
'use strict';
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

const [port, directory, ...buckets] = process.argv.slice(2);
const known = AWSAccount.registry.get.bind(AWSAccount.registry);
AWSAccount.registry.get = (accessKeyId) => known(accessKeyId) || AWSAccount.DUMMY_ACCOUNT;

new S3rver({
  port: Number(port),
  address: '127.0.0.1',
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
}).run().then(
  () => console.log(`s3rver listening on 127.0.0.1:${port}`),
  (error) => {
    console.error(`s3rver failed: ${error.message}`);
    process.exit(1);
  },
);
