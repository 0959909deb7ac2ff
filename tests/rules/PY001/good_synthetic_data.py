# Synthetic: a test-data generator prints the fake people it has just made up.
from faker import Faker


def generate(count, verbose):
    fake = Faker("fr_FR")
    for number in range(count):
        person = create_test_insuree(custom_props={"last_name": fake.last_name()})
        if verbose:
            print(number, "created", person.other_names, person.last_name)
        last_name = fake.last_name()
        print("next", last_name)
