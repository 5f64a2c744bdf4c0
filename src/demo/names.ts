// Danish-looking names for synthetic people. Children get names popular since ~2015, adults names of the 1975–2000 cohorts.

export const CHILD_FIRST_NAMES = {
  female: [
    'Emma', 'Ida', 'Alma', 'Freja', 'Clara', 'Ella', 'Olivia', 'Karla', 'Agnes', 'Sofia',
    'Anna', 'Lily', 'Nora', 'Luna', 'Ellie', 'Josefine', 'Esther', 'Asta', 'Aya', 'Frida',
    'Vigga', 'Alberte', 'Marie', 'Laura', 'Isabella', 'Mathilde', 'Sofie', 'Lærke', 'Maja', 'Liva',
    'Ellen', 'Molly', 'Silje', 'Saga', 'Lea', 'Lykke', 'Emilie', 'Victoria', 'Alba', 'Gry',
    'Vilma', 'Hannah', 'Selma', 'Caroline', 'Dagmar', 'Ronja', 'Storm', 'Tilde', 'Johanne', 'Rosa',
    'Mille', 'Andrea', 'Ingrid', 'Merle', 'Astrid', 'Ilse', 'Thea', 'Cecilie', 'Naja', 'Sara',
    'Liv', 'Bertha', 'Hedda', 'Filippa', 'Nanna', 'Amanda', 'Signe', 'Mynte', 'Yasmin', 'Zeynep',
    'Maryam', 'Eva', 'Eline', 'Kamma', 'Ofelia', 'Sigrid', 'Nova', 'Elvira', 'Ea', 'Solvej',
  ],
  male: [
    'William', 'Noah', 'Oscar', 'Carl', 'Alfred', 'Oliver', 'Arthur', 'Aksel', 'Valdemar', 'Emil',
    'Malthe', 'Lucas', 'August', 'Elias', 'Karl', 'Magnus', 'Viggo', 'Felix', 'Otto', 'Storm',
    'Anton', 'Victor', 'Frederik', 'Theo', 'Hugo', 'Johan', 'Alexander', 'Mikkel', 'Villads', 'Liam',
    'Konrad', 'Bertram', 'Laurits', 'Benjamin', 'Sebastian', 'Adam', 'Mads', 'Asger', 'Milas', 'Harald',
    'Walter', 'Erik', 'Albert', 'Ludvig', 'Theodor', 'Marius', 'Silas', 'Kristian', 'Lauge', 'Sigurd',
    'Tobias', 'Jonathan', 'Vincent', 'Nohr', 'Aron', 'Bjørn', 'Leo', 'Louie', 'Mateo', 'Aske',
    'Gustav', 'Holger', 'Jakob', 'Kasper', 'Luca', 'Matheo', 'Nikolaj', 'Philip', 'Rasmus', 'Sander',
    'Svend', 'Tristan', 'Ali', 'Yusuf', 'Omar', 'Ibrahim', 'Adrian', 'Bastian', 'Carlo', 'Elliot',
  ],
} as const;

export const ADULT_FIRST_NAMES = {
  female: [
    'Mette', 'Louise', 'Camilla', 'Maria', 'Anne', 'Sarah', 'Julie', 'Line', 'Katrine', 'Christina',
    'Stine', 'Maja', 'Sofie', 'Marie', 'Cecilie', 'Signe', 'Pernille', 'Trine', 'Helle', 'Susanne',
    'Charlotte', 'Rikke', 'Tina', 'Maiken', 'Malene', 'Lene', 'Mia', 'Nanna', 'Emilie', 'Laura',
    'Ida', 'Amalie', 'Kristina', 'Sanne', 'Dorthe', 'Karina', 'Birgitte', 'Heidi', 'Jeanette', 'Lise',
    'Tanja', 'Gitte', 'Marianne', 'Hanne', 'Josefine', 'Mathilde', 'Rebecca', 'Nadia', 'Sidsel', 'Tine',
    'Ditte', 'Anja', 'Mona', 'Lotte', 'Lisbeth', 'Vibeke', 'Christine', 'Eva', 'Kirstine', 'Johanne',
    'Fatima', 'Amina', 'Sara', 'Ulla', 'Anna', 'Kathrine', 'Nina', 'Bettina', 'Charlotta', 'Hannah',
    'Liv', 'Lærke', 'Frederikke', 'Astrid', 'Rosa', 'Agnete', 'Mai', 'Matilde', 'Caroline', 'Dorte',
  ],
  male: [
    'Martin', 'Thomas', 'Rasmus', 'Jesper', 'Mads', 'Christian', 'Michael', 'Anders', 'Jonas', 'Henrik',
    'Søren', 'Peter', 'Lars', 'Morten', 'Kasper', 'Jacob', 'Nicolai', 'Mikkel', 'Simon', 'Andreas',
    'Jens', 'Frederik', 'Mathias', 'Daniel', 'Kenneth', 'Brian', 'Allan', 'Claus', 'Jakob', 'Kristian',
    'Steffen', 'Jimmi', 'Casper', 'Niels', 'Jeppe', 'Bo', 'Ole', 'Torben', 'Kim', 'René',
    'Dennis', 'Tobias', 'Alexander', 'Emil', 'Sebastian', 'Philip', 'Benjamin', 'Lasse', 'Troels', 'Esben',
    'Ulrik', 'Bjarke', 'Thor', 'Magnus', 'Oliver', 'Patrick', 'Stefan', 'Johan', 'Tue', 'Kristoffer',
    'Ahmed', 'Ali', 'Mohammad', 'Hassan', 'Karsten', 'Per', 'Rune', 'Erik', 'Janus', 'Asger',
    'Carsten', 'Flemming', 'Gustav', 'Hans', 'Ib', 'Jannik', 'Kåre', 'Lucas', 'Nikolaj', 'Sune',
  ],
} as const;

export const LAST_NAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
  'Knudsen', 'Jakobsen', 'Mikkelsen', 'Olesen', 'Frederiksen', 'Laursen', 'Henriksen', 'Lund', 'Holm', 'Schmidt',
  'Eriksen', 'Kristiansen', 'Nissen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Iversen', 'Jeppesen', 'Mogensen',
  'Jacobsen', 'Vestergaard', 'Nørgaard', 'Bach', 'Kjær', 'Dam', 'Lauridsen', 'Østergaard', 'Steffensen', 'Kjeldsen',
  'Søndergaard', 'Carlsen', 'Bertelsen', 'Toft', 'Bak', 'Winther', 'Friis', 'Kristoffersen', 'Krogh', 'Ahmadi',
] as const;

/** Weights so common surnames are common (Nielsen, Jensen, Hansen first), as in the Danish name statistics. */
export function lastNameWeight(index: number): number {
  return index < 10 ? 6 - index * 0.4 : index < 30 ? 1.2 : 0.6;
}
