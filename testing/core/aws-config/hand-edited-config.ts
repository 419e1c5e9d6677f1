/**
 * An AWS config file as people edit it by hand: comments of both kinds, [default], SSO, nested
 * settings, odd spacing and tabs, a key without spaces around "=", and blank lines between
 * sections. What Keyward writes into it must leave every byte of it as it was.
 */
export const handEditedConfig = [
  '# My AWS config — edited by hand',
  '[default]',
  'region=us-west-2',
  'output = json',
  '',
  ';  old style comment',
  '[profile sso-dev]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  '\tsso_role_name   =   Dev',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
  '',
  '',
  '[profile   tools]',
  's3 =',
  '    max_concurrent_requests = 20',
  '    multipart_threshold = 64MB',
  'region = eu-central-1',
  '',
].join('\n');
