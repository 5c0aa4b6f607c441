/** Word lists for demo and benchmark data: names that look like names, and contact-centre text. */

export const FIRST_NAMES = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah ' +
  'Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily ' +
  'Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald Stephanie Edward Rebecca ' +
  'Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela ' +
  'Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick ' +
  'Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry ' +
  'Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian ' +
  'Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison ' +
  'Lawrence Frances Dylan Kathryn Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Julia Bruce Judy Gabriel Sophia Logan Grace ' +
  'Aisha Mohammed Fatima Wei Mei Hiroshi Yuki Priya Arjun Ananya Rahul Olga Dmitri Sofia Mateo Lucia Diego Camila Kwame Amara Chidi ' +
  'Ngozi Lars Ingrid Sven Astrid Pierre Camille Jean-Luc Amelie Klaus Greta Matteo Giulia Siobhan Declan Aoife Tomasz Agnieszka'
).split(' ');

export const LAST_NAMES = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor ' +
  'Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres ' +
  'Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz ' +
  'Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos ' +
  'Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers ' +
  'Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons ' +
  'Okafor Adeyemi Mensah Osei Nakamura Tanaka Suzuki Watanabe Chen Wang Zhang Liu Singh Sharma Gupta Iyer Kowalski Nowak Ivanov Petrov ' +
  'Mueller Schmidt Schneider Fischer Weber Becker Rossi Russo Ferrari Bianchi Dubois Moreau Laurent Lefevre Jansen Bakker Visser Larsen ' +
  "Hansen Nielsen Johansson Lindqvist O'Brien O'Connor McCarthy Byrne Fitzgerald Doyle Kavanagh Murray Fraser MacLeod Campbell-Smith"
).split(' ');

export const COMPANY_WORDS = (
  'Acme Northwind Contoso Globex Initech Umbrella Stark Wayne Tyrell Cyberdyne Hooli Vandelay Soylent Massive Dynamic Blue Sky Summit ' +
  'Harbor Pioneer Evergreen Silverline Redwood Oakridge Crescent Meridian Atlas Beacon Cascade Keystone Liberty Horizon'
).split(' ');
export const COMPANY_KINDS = [
  'Logistics',
  'Holdings',
  'Dental',
  'Bakery',
  'Consulting',
  'Motors',
  'Foods',
  'Legal',
  'Clinic',
  'Builders',
  'Media',
  'Energy',
];
export const COMPANY_SUFFIXES = ['Ltd', 'Inc', 'LLC', 'GmbH', 'Co', 'plc', ''];
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example', 'post.example', 'inbox.example'];

/**
 * Contact-centre words, most frequent first. A Zipf draw over this list
 * (followed by a long synthetic tail) gives text whose common words are
 * real ones, with the skew of real tickets: the top words are in most of them.
 */
export const WORDS = (
  'the customer to and a of is on account not the service with for called line after since reports says internet ' +
  'bill invoice payment charge router modem working error phone number order refund card issue again new please update ' +
  'connection slow speed outage area technician visit appointment cancel contract plan upgrade device replacement delivery ' +
  'package address email password reset login access portal app message sms voicemail call dropped signal coverage roaming ' +
  'data usage limit overage fee late credit debit bank transfer direct declined disputed duplicate twice month last week ' +
  'yesterday today morning evening escalated ticket case notes troubleshooting rebooted restarted factory settings firmware ' +
  'cable fibre wifi password network light blinking red green orange power supply adapter replaced shipped tracking courier ' +
  'warranty return damaged broken screen battery charging sim activation port number transfer provider competitor retention ' +
  'offer discount loyalty promotion price increase complaint manager supervisor callback requested agreed confirmed pending ' +
  'waiting response reference approved rejected documents identity verification security question fraud suspicious blocked ' +
  'unblocked restored working fine resolved closed follow up tomorrow hours minutes days weeks business open hold transferred ' +
  'department billing technical sales support team tier escalation priority urgent critical outage maintenance planned ' +
  'notification letter paper statement online autopay setup failed retry successful direct debit mandate account holder ' +
  'authorised user added removed name change address move house new property installation engineer booked rescheduled missed ' +
  'window compensation goodwill gesture credit applied next bill cycle prorated partial full amount balance overdue reminder ' +
  'collections arrangement instalment plan hardship vulnerable customer accessibility large print interpreter language'
).split(' ');
