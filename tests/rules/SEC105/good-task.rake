# The secret comes from the task's arguments or is generated: nothing is hard-coded.
task :setup_oauth_app, [:name, :client_id, :client_secret] => :environment do |_t, args|
  client_secret = args[:client_secret] || SecureRandom.hex(8)
  puts client_secret.length
end
