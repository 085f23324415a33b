curl -X POST 'https://vistarkriya.com/api/v1/customers' \
  -H 'X-API-Key: vk_live_your_api_key_here' \
  -H 'X-Timestamp: 1739612345' \
  -H 'X-Signature: 2c797e7759b268aa9449e464904a082d903e593c9bfd8f67f02535147854eb2c' \
  -H 'X-Tenant-Code: 123456' \
  -H 'Content-Type: application/json' \
  --data-raw '{
  "name": "Asha \"Didi\" Verma — आशा वर्मा",
  "city": "C:\\Pune $HOME '\''x'\''"
}'
